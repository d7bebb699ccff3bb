package storetest

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

// firstService returns a service of the seeded dataset.
func firstService(t *testing.T, db directory.Store) directory.Service {
	t.Helper()
	services, err := db.Services(context.Background(), directory.ServiceFilter{})
	if err != nil || len(services) == 0 {
		t.Fatalf("services: %v, %d", err, len(services))
	}
	return services[0]
}

func testSuggestionsAreListedOldestFirstAndClosedWithANote(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	svc := firstService(t, db)
	change, err := db.CreateSuggestion(ctx, directory.Suggestion{ServiceID: svc.ID, Topic: directory.TopicOutOfDate,
		Details: "  The phone number has changed.  ", Email: "parent@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if change.ID == 0 || change.Status != directory.SuggestionOpen || change.ServiceSlug != svc.Slug || change.ServiceName != svc.Name ||
		change.Details != "The phone number has changed." || change.Email != "parent@example.com" || change.CreatedAt == "" {
		t.Errorf("created suggestion %+v", change)
	}
	unlisted, err := db.CreateSuggestion(ctx, directory.Suggestion{Topic: directory.TopicNewService,
		ServiceName: "Bumps and Babies", WhereItRuns: "Andover library", Details: "Tuesdays at ten."})
	if err != nil {
		t.Fatal(err)
	}
	if unlisted.ServiceID != 0 || unlisted.ServiceSlug != "" || unlisted.ServiceName != "Bumps and Babies" || unlisted.WhereItRuns != "Andover library" {
		t.Errorf("suggestion of a new service %+v", unlisted)
	}

	open1, err := db.Suggestions(ctx, directory.SuggestionOpen)
	if err != nil {
		t.Fatal(err)
	}
	if len(open1) != 2 || open1[0].ID != change.ID || open1[1].ID != unlisted.ID {
		t.Fatalf("open suggestions %+v, want the change then the new service", open1)
	}

	if _, err := db.CloseSuggestion(ctx, directory.Actor{Name: "Test"}, change.ID, "  "); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("closing without a note: %v, want invalid", err)
	}
	closed, err := db.CloseSuggestion(ctx, directory.Actor{Name: "Test"}, change.ID, "Phone number updated.")
	if err != nil {
		t.Fatal(err)
	}
	if closed.Status != directory.SuggestionClosed || closed.ClosedNote != "Phone number updated." || closed.ClosedBy != "Test" || closed.ClosedAt == "" {
		t.Errorf("closed suggestion %+v", closed)
	}
	if _, err := db.CloseSuggestion(ctx, directory.Actor{Name: "Test"}, change.ID, "Again."); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("closing twice: %v, want invalid", err)
	}
	if _, err := db.CloseSuggestion(ctx, directory.Actor{Name: "Test"}, 999999, "No such."); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("closing an unknown suggestion: %v, want not found", err)
	}
	if open2, _ := db.Suggestions(ctx, directory.SuggestionOpen); len(open2) != 1 || open2[0].ID != unlisted.ID {
		t.Errorf("open suggestions after closing one: %+v", open2)
	}
	if done, _ := db.Suggestions(ctx, directory.SuggestionClosed); len(done) != 1 || done[0].ID != change.ID {
		t.Errorf("closed suggestions: %+v", done)
	}
	if all, _ := db.Suggestions(ctx, ""); len(all) != 2 {
		t.Errorf("every suggestion: %+v", all)
	}

	history, err := db.History(ctx, directory.EntitySuggestion, strconv.FormatInt(change.ID, 10))
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 1 || history[0].Action != "close" || history[0].UserName != "Test" || history[0].Reason != "Phone number updated." {
		t.Fatalf("audit of closing: %+v", history)
	}
	if strings.Contains(history[0].Before+history[0].After, "parent@example.com") {
		t.Errorf("the audit log keeps the email, which must be forgotten: %s", history[0].After)
	}
}

func testSuggestionValidation(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	svc := firstService(t, db)
	for _, c := range []struct {
		name  string
		s     directory.Suggestion
		field string
	}{
		{"no topic", directory.Suggestion{ServiceID: svc.ID, Details: "x"}, "topic"},
		{"unknown topic", directory.Suggestion{ServiceID: svc.ID, Topic: "spam", Details: "x"}, "topic"},
		{"no details", directory.Suggestion{ServiceID: svc.ID, Topic: directory.TopicClosed, Details: "   "}, "details"},
		{"details too long", directory.Suggestion{ServiceID: svc.ID, Topic: directory.TopicClosed, Details: strings.Repeat("é", 4001)}, "details"},
		{"bad email", directory.Suggestion{ServiceID: svc.ID, Topic: directory.TopicClosed, Details: "x", Email: "not an address"}, "email"},
		{"new service without a name", directory.Suggestion{Topic: directory.TopicNewService, WhereItRuns: "Andover", Details: "x"}, "service_name"},
		{"new service without a place", directory.Suggestion{Topic: directory.TopicNewService, ServiceName: "Group", Details: "x"}, "where_it_runs"},
	} {
		_, err := db.CreateSuggestion(ctx, c.s)
		var invalid *directory.ValidationError
		if !errors.As(err, &invalid) || invalid.Fields.For(c.field) == "" {
			t.Errorf("%s: %v, want an error on %s", c.name, err, c.field)
		}
	}
	if _, err := db.CreateSuggestion(ctx, directory.Suggestion{ServiceID: svc.ID, Topic: directory.TopicClosed,
		Details: strings.Repeat("é", 4000)}); err != nil {
		t.Errorf("4,000 characters of details: %v", err)
	}
	if _, err := db.CreateSuggestion(ctx, directory.Suggestion{ServiceID: 999999, Topic: directory.TopicClosed, Details: "x"}); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("a suggestion about an unknown service: %v, want not found", err)
	}
	if all, _ := db.Suggestions(ctx, ""); len(all) != 1 {
		t.Errorf("%d suggestions stored, want only the valid one", len(all))
	}
}

func testSuggestionsLeaveTheContentVersionAlone(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	svc := firstService(t, db)
	before := contentVersion(t, db)
	s, err := db.CreateSuggestion(ctx, directory.Suggestion{ServiceID: svc.ID, Topic: directory.TopicMoreInformation, Details: "Add the bus route."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSuggestion(ctx, directory.Suggestion{Topic: directory.TopicNewService, ServiceName: "A", WhereItRuns: "B", Details: "C"}); err != nil {
		t.Fatal(err)
	}
	if got := contentVersion(t, db); got != before {
		t.Errorf("a suggestion moved the content version from %d to %d; it would empty the page cache", before, got)
	}
	if _, err := db.ForgetOldEmails(ctx, "9999-12-31"); err != nil {
		t.Fatal(err)
	}
	if got := contentVersion(t, db); got != before {
		t.Errorf("forgetting emails moved the content version from %d to %d", before, got)
	}
	// Closing writes an audit record, and the audit log (which staff pages
	// read) bumps the content version once; the suggestions table must add
	// nothing to that.
	if _, err := db.CloseSuggestion(ctx, directory.Actor{Name: "Test"}, s.ID, "Added."); err != nil {
		t.Fatal(err)
	}
	if got := contentVersion(t, db); got > before+1 {
		t.Errorf("closing a suggestion moved the content version from %d to %d; only its audit record may move it, once", before, got)
	}
}

func testForgetOldEmailsBlanksOnlyThoseClosedBefore(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	svc := firstService(t, db)
	var ids []int64
	for i := range 3 {
		s, err := db.CreateSuggestion(ctx, directory.Suggestion{ServiceID: svc.ID, Topic: directory.TopicSomethingElse,
			Details: "Number " + strconv.Itoa(i), Email: "p" + strconv.Itoa(i) + "@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
	}
	for _, id := range ids[:2] {
		if _, err := db.CloseSuggestion(ctx, directory.Actor{Name: "Test"}, id, "Done."); err != nil {
			t.Fatal(err)
		}
	}
	today, err := time.Parse("2006-01-02", db.Today())
	if err != nil {
		t.Fatal(err)
	}
	yesterday, tomorrow := today.AddDate(0, 0, -1).Format("2006-01-02"), today.AddDate(0, 0, 1).Format("2006-01-02")
	if n, err := db.ForgetOldEmails(ctx, yesterday); err != nil || n != 0 {
		t.Errorf("forgetting emails closed before yesterday: %d, %v; want none", n, err)
	}
	if n, err := db.ForgetOldEmails(ctx, tomorrow); err != nil || n != 2 {
		t.Errorf("forgetting emails closed before tomorrow: %d, %v; want the two closed", n, err)
	}
	if n, _ := db.ForgetOldEmails(ctx, tomorrow); n != 0 {
		t.Errorf("forgetting again blanked %d, want none", n)
	}
	all, err := db.Suggestions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		wantEmail := s.ID == ids[2]
		if (s.Email != "") != wantEmail {
			t.Errorf("suggestion %d (%s) has email %q", s.ID, s.Status, s.Email)
		}
	}
}
