package web

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/directory"
)

func TestConflictRows(t *testing.T) {
	stored := directory.ServiceType{Name: "Home-Start", Description: "Volunteers."}
	submitted := directory.ServiceType{Name: "Home-Start UK", Description: "Volunteers."}
	rows := ConflictRows(stored, submitted, []Compared[directory.ServiceType]{
		{Label: "Name", Value: func(t directory.ServiceType) string { return t.Name }},
		{Label: "Description", Value: func(t directory.ServiceType) string { return t.Description }},
	})
	want := []ConflictRow{{"Name", "Home-Start", "Home-Start UK"}, {"Description", "Volunteers.", "Volunteers."}}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i, rows[i], want[i])
		}
	}
	if !rows[0].Differs() || rows[1].Differs() {
		t.Error("Differs does not tell the changed field from the same one")
	}
}

func TestConflictPageMarksDifferencesInWords(t *testing.T) {
	var b strings.Builder
	err := ConflictPage(ConflictView{
		User:     directory.User{Name: "Ada Admin", Role: directory.RoleAdmin},
		Title:    "the service type <b>Home-Start</b>",
		Rows:     []ConflictRow{{"Name", "<i>stored</i>", "typed"}, {"Description", "", ""}},
		EditHref: "/staff/service-types/home-start/edit",
	}).Render(context.Background(), &b)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<b>Home-Start</b>") || strings.Contains(b.String(), "<i>stored</i>") {
		t.Error("the page does not escape what it shows")
	}
	var got []string
	doc.Find(`[data-testid="difference"]`).Each(func(_ int, s *goquery.Selection) { got = append(got, strings.TrimSpace(s.Text())) })
	if strings.Join(got, ",") != "Different,Same" {
		t.Errorf("differences %v, want Different,Same in words", got)
	}
	if s := strings.TrimSpace(doc.Find(`[data-testid="conflict-row"]`).Eq(1).Find(`[data-testid="stored"]`).Text()); s != "(empty)" {
		t.Errorf("an empty value shows as %q", s)
	}
	if !strings.Contains(doc.Find(`[data-testid="conflict"]`).Text(), "1 field differs") {
		t.Error("the page does not count the differences")
	}
	if doc.Find("h1").Length() != 1 || doc.Find("table caption").Length() != 1 {
		t.Error("the page needs one h1 and a captioned table")
	}
}
