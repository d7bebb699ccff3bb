package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

// twoOfAKind finds an area and two services of one type that its page lists
// together, first and second.
func twoOfAKind(t *testing.T, db directory.Store) (area string, first, second directory.Service) {
	t.Helper()
	ctx := context.Background()
	areas, err := db.Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range areas {
		cards, err := db.ServiceCards(ctx, a.Slug)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(cards); i++ {
			if cards[i].ServiceType != "" && cards[i].ServiceType == cards[i-1].ServiceType && len(cards[i-1].Areas) == 1 {
				first, _ := db.Service(ctx, cards[i-1].Slug)
				second, _ := db.Service(ctx, cards[i].Slug)
				return a.Slug, first, second
			}
		}
	}
	t.Fatal("no area lists two services of one type")
	return
}

func apiStatus(t *testing.T, e *staffEnv, uuid string) (status, assured string) {
	t.Helper()
	r := e.get(t, e.client(t), "/api/v1/services/"+uuid)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("the API's record: %d", r.StatusCode)
	}
	var rec struct {
		Status      string `json:"status"`
		AssuredDate string `json:"assured_date"`
	}
	if err := json.Unmarshal([]byte(r.Body), &rec); err != nil {
		t.Fatal(err)
	}
	return rec.Status, rec.AssuredDate
}

func TestATemporarilyClosedServiceSaysSoEverywhere(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	day := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	setClock(t, e.db, func() time.Time { return day })
	area, first, second := twoOfAKind(t, e.db)
	public := e.client(t)

	closed, err := e.db.SetServiceStatus(ctx, directory.Actor{Name: "Sam Staff"}, first.Slug, directory.StatusChange{
		Status: directory.StatusTemporarilyClosed, Version: first.Version, Message: "Closed for <b>building</b> work.", Reopens: "2027-01-05"})
	if err != nil {
		t.Fatal(err)
	}
	page := e.get(t, public, "/services/"+first.Slug)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("the closed service's page: %d", page.StatusCode)
	}
	callout := parse(t, page).Find(`[data-testid="closed"]`).Text()
	if !strings.Contains(callout, "This service is temporarily closed") || !strings.Contains(callout, "Closed for <b>building</b> work.") ||
		!strings.Contains(callout, "It reopens on 5 January 2027") {
		t.Errorf("the closed service's callout: %q", callout)
	}
	if strings.Contains(page.Body, "<b>building</b>") {
		t.Error("the closure's message was not escaped")
	}

	body := e.get(t, public, "/areas/"+area).Body
	if i, j := strings.Index(body, ">"+second.Name+"<"), strings.Index(body, ">"+first.Name+"<"); i < 0 || j < 0 || j < i {
		t.Errorf("on the area page the closed %s (at %d) is not after the open %s (at %d)", first.Name, j, second.Name, i)
	}
	if !strings.Contains(body, "Temporarily closed") {
		t.Error("the area page does not say the service is temporarily closed")
	}
	if got := e.get(t, public, "/shortlist?s="+first.Slug).Body; !strings.Contains(got, "Temporarily closed") || !strings.Contains(got, "Reopens on 5 January 2027") {
		t.Error("the shortlist does not say the service is temporarily closed")
	}
	if status, assured := apiStatus(t, e, first.UUID); status != "temporarily closed" || assured != closed.LastReviewed {
		t.Errorf("the API says %q, assured %q", status, assured)
	}

	// On its date it opens again by itself.
	day = time.Date(2027, 1, 5, 1, 0, 0, 0, time.UTC)
	if _, err := e.db.OpenDueServices(ctx); err != nil {
		t.Fatal(err)
	}
	if got := parse(t, e.get(t, public, "/services/"+first.Slug)).Find(`[data-testid="closed"]`).Length(); got != 0 {
		t.Error("the reopened service still says it is closed")
	}
	if status, _ := apiStatus(t, e, first.UUID); status != "active" {
		t.Errorf("the API says %q of the reopened service", status)
	}
}

func TestAnEndedServiceLeavesTheListsAndItsPageSaysWhen(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	setClock(t, e.db, func() time.Time { return time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC) })
	area, first, _ := twoOfAKind(t, e.db)
	public := e.client(t)
	if _, err := e.db.SetServiceStatus(ctx, directory.Actor{Name: "Sam Staff"}, first.Slug, directory.StatusChange{
		Status: directory.StatusEnded, Version: first.Version, Ended: "2026-11-30"}); err != nil {
		t.Fatal(err)
	}
	page := e.get(t, public, "/services/"+first.Slug)
	if page.StatusCode != http.StatusGone {
		t.Errorf("the ended service's page: %d, want 410", page.StatusCode)
	}
	doc := parse(t, page)
	if got := doc.Find(`[data-testid="ended"]`).Text(); !strings.Contains(got, "It closed on 30 November 2026") {
		t.Errorf("the ended page says %q", got)
	}
	if doc.Find(`[data-testid="ended-areas"] a[href="/areas/`+area+`"]`).Length() != 1 {
		t.Error("the ended page does not point to its area's other services")
	}
	if body := e.get(t, public, "/areas/"+area).Body; strings.Contains(body, ">"+first.Name+"<") {
		t.Error("the area page still lists the ended service")
	}
	if status, _ := apiStatus(t, e, first.UUID); status != "defunct" {
		t.Errorf("the API says %q of the ended service", status)
	}
	if body := e.get(t, public, "/api/v1/services?per_page=200").Body; strings.Contains(body, first.UUID) {
		t.Error("the API's list still has the ended service")
	}
}

func TestAScheduledServiceShowsOnlyFromItsDate(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	day := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	setClock(t, e.db, func() time.Time { return day })
	area, first, _ := twoOfAKind(t, e.db)
	public := e.client(t)
	if _, err := e.db.SetServiceStatus(ctx, directory.Actor{Name: "Sam Staff"}, first.Slug, directory.StatusChange{
		Status: directory.StatusScheduled, Version: first.Version, Opens: "2027-01-10"}); err != nil {
		t.Fatal(err)
	}
	if r := e.get(t, public, "/services/"+first.Slug); r.StatusCode != http.StatusNotFound {
		t.Errorf("the scheduled service's page before its date: %d, want 404", r.StatusCode)
	}
	if body := e.get(t, public, "/areas/"+area).Body; strings.Contains(body, ">"+first.Name+"<") {
		t.Error("the area page lists the service before its date")
	}
	if status, _ := apiStatus(t, e, first.UUID); status != "inactive" {
		t.Errorf("the API says %q of the scheduled service", status)
	}
	day = time.Date(2027, 1, 10, 0, 10, 0, 0, time.UTC)
	if r := e.get(t, public, "/services/"+first.Slug); r.StatusCode != http.StatusOK {
		t.Errorf("the page on its date, before the job opens it: %d, want 200", r.StatusCode)
	}
	if _, err := e.db.OpenDueServices(ctx); err != nil {
		t.Fatal(err)
	}
	if body := e.get(t, public, "/areas/"+area).Body; !strings.Contains(body, ">"+first.Name+"<") {
		t.Error("the area page does not list the service from its date")
	}
}

func TestStaffChangeAServicesStatusWithItsDates(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	setClock(t, e.db, func() time.Time { return time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC) })
	editor := e.login(t, "editor@example.org")
	svc, err := e.db.Service(ctx, "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}
	form := parse(t, e.get(t, editor, "/staff/services/roberts-centre/edit")).Find(`[data-testid="status-form"]`)
	if form.Find(`input[name="status"]`).Length() != len(directory.Statuses) || form.Find(`label[for="reopens"]`).Length() != 1 {
		t.Fatalf("the status form: %q", form.Text())
	}

	// A reopening date in the past comes back with the error and what was typed.
	bad := e.post(t, editor, "/staff/services/roberts-centre/status", url.Values{"version": {strconv.Itoa(svc.Version)}, "status": {"temporarily_closed"},
		"message": {"Closed for repairs"}, "reopens": {"2026-11-01"}})
	if bad.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a reopening date in the past: %d, want 422", bad.StatusCode)
	}
	doc := parse(t, bad)
	if doc.Find(`[data-testid="error-summary"] a[href="#reopens"]`).Length() != 1 {
		t.Errorf("the error summary: %q", doc.Find(`[data-testid="error-summary"]`).Text())
	}
	if v, _ := doc.Find(`#message`).Html(); v != "Closed for repairs" {
		t.Errorf("the typed message came back as %q", v)
	}
	if now, _ := e.db.Service(ctx, "roberts-centre"); now.Version != svc.Version {
		t.Error("the refused change wrote")
	}

	ok := e.post(t, editor, "/staff/services/roberts-centre/status", url.Values{"version": {strconv.Itoa(svc.Version)}, "status": {"temporarily_closed"},
		"message": {"Closed for repairs"}, "reopens": {"2027-01-04"}, "status_reason": {"The centre phoned"}})
	if ok.StatusCode != http.StatusSeeOther {
		t.Fatalf("closing the service: %d", ok.StatusCode)
	}
	now, _ := e.db.Service(ctx, "roberts-centre")
	if now.Status != directory.StatusTemporarilyClosed || now.ReopensOn != "2027-01-04" || now.ClosedMessage != "Closed for repairs" {
		t.Errorf("the closed service: %+v", now)
	}
	if got := parse(t, e.get(t, editor, "/staff/services/roberts-centre/edit")).Find(`[data-testid="status-now"]`).Text(); !strings.Contains(got, "Temporarily closed, reopening on 4 January 2027") {
		t.Errorf("the edit page says %q", got)
	}
	if r := e.post(t, editor, "/staff/services/roberts-centre/status", url.Values{"version": {strconv.Itoa(svc.Version)}, "status": {"active"}}); r.StatusCode != http.StatusConflict {
		t.Errorf("a stale change of status: %d, want 409", r.StatusCode)
	}
}

func TestStaffCoverageSaysWhenEveryServiceOfACellIsClosed(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	editor := e.login(t, "editor@example.org")
	m, err := e.db.Matrix(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	// A rated cell with exactly one service listed in its area.
	services, err := e.db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string][]directory.Service{}
	for _, s := range services {
		for _, a := range s.Areas {
			count[s.ServiceType+"/"+a.Area] = append(count[s.ServiceType+"/"+a.Area], s)
		}
	}
	var svc directory.Service
	var typ, area string
	for _, st := range m.ServiceTypes {
		for _, a := range m.Areas {
			if list := count[st.Slug+"/"+a.Slug]; len(list) == 1 && typ == "" {
				if _, ok := m.Cell(st.Slug, a.Slug); ok {
					svc, typ, area = list[0], st.Slug, a.Slug
				}
			}
		}
	}
	if typ == "" {
		t.Fatal("no rated cell has exactly one service")
	}
	flag := `[data-testid="all-closed-` + typ + `-` + area + `"]`
	if parse(t, e.get(t, editor, "/staff/coverage")).Find(flag).Length() != 0 {
		t.Fatal("a cell with an open service is flagged")
	}
	if _, err := e.db.SetServiceStatus(ctx, directory.Actor{Name: "Sam Staff"}, svc.Slug, directory.StatusChange{Status: directory.StatusEnded, Version: svc.Version}); err != nil {
		t.Fatal(err)
	}
	if parse(t, e.get(t, editor, "/staff/coverage")).Find(flag).Length() != 1 {
		t.Errorf("the cell %s/%s whose one service ended is not flagged", typ, area)
	}
}
