package server_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/server"
)

// browserAgent is a user agent like a family's phone's.
const browserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1"

// search makes a public /find request as a browser (or as agent) would.
func (e *staffEnv) search(t *testing.T, query, agent string) *response {
	t.Helper()
	if agent == "" {
		agent = browserAgent
	}
	return e.fetch(t, e.client(t), "/find?"+query, map[string]string{"User-Agent": agent})
}

// todaysDemand writes out the server's tally and returns today's rows.
func (e *staffEnv) todaysDemand(t *testing.T) []directory.DemandRow {
	t.Helper()
	if err := e.app.Close(); err != nil {
		t.Fatal(err)
	}
	rows, err := e.db.Demand(context.Background(), e.db.Today(), e.db.Today())
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestDemandCountsCachedAndRenderedSearchesAlike(t *testing.T) {
	e := newStaffEnv(t)
	for range 3 {
		if r := e.search(t, "q=Gosport", ""); r.StatusCode != 200 {
			t.Fatalf("search: %d", r.StatusCode)
		}
	}
	if hits, misses := e.cacheCounts(); hits != 2 || misses != 1 {
		t.Fatalf("hits %d, misses %d: the later searches were not served from the cache, so this proves nothing", hits, misses)
	}
	e.search(t, "q=Gosport&stage=pregnancy&stage=under-1", "")
	e.search(t, "q=Gosport&page=2", "")                                         // paging through one search
	e.search(t, "q=Whiteley", "")                                               // answered at once: both parts are Hampshire
	e.search(t, "q=BH11", "")                                                   // a question, not yet a search that landed
	e.search(t, "q=Gosport", "Googlebot/2.1 (+http://www.google.com/bot.html)") // a robot
	e.search(t, "q=Zzqxville", "")                                              // no such place

	got := map[string]directory.DemandCount{}
	for _, r := range e.todaysDemand(t) {
		got[r.Area+"|"+r.Stages] = got[r.Area+"|"+r.Stages].Add(r.DemandCount)
	}
	if c := got["hampshire|"]; c.Searches != 4 || c.NoResults != 0 || c.Results == 0 {
		t.Errorf("Hampshire with no filter: %+v, want 4 searches (three for Gosport, one for Whiteley) that found services", c)
	}
	if c := got["hampshire|pregnancy,under-1"]; c.Searches != 1 {
		t.Errorf("Hampshire in pregnancy and under 1: %+v, want 1 search", c)
	}
	if c := got[directory.DemandUnknownPlace+"|"]; c.Searches != 1 || c.NoResults != 1 {
		t.Errorf("unknown place: %+v, want 1 search that found nothing", c)
	}
	total := 0
	for _, c := range got {
		total += c.Searches
	}
	if total != 6 {
		t.Errorf("%d searches counted in all, want 6: a robot's, a question and a second page count for nothing (%v)", total, got)
	}
}

func TestDemandKeepsThePostcodeDistrictOnly(t *testing.T) {
	e := newStaffEnv(t)
	e.search(t, "q=po12+3ab", "")
	rows := e.todaysDemand(t)
	if len(rows) != 1 || rows[0].PostcodeDistrict != "PO12" || rows[0].Area != "hampshire" {
		t.Fatalf("a search for a full postcode was tallied as %+v, want one row for PO12 in Hampshire", rows)
	}
}

// TestNothingTypedIntoFindIsKept searches for a made-up place and a full
// postcode, then looks for them in the database file, its write-ahead log
// and the access log.
func TestNothingTypedIntoFindIsKept(t *testing.T) {
	var log lockedBuffer
	e := newStaffEnv(t, server.WithAccessLog(&log))
	for _, q := range []string{"q=Qwzzxtown", "q=SO16+4GX", "q=Gosport&words=Qwzzxword"} {
		e.search(t, q, "")
	}
	if rows := e.todaysDemand(t); len(rows) == 0 {
		t.Fatal("nothing was tallied, so this proves nothing")
	}
	files := map[string][]byte{"the access log": []byte(log.String())}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(sqliteOnly(t, e.db).Path + suffix)
		if err != nil && suffix == "" {
			t.Fatal(err)
		}
		files[filepath.Base(sqliteOnly(t, e.db).Path+suffix)] = b
	}
	for name, b := range files {
		for _, typed := range []string{"Qwzzxtown", "qwzzxtown", "Qwzzxword", "SO16 4GX", "SO164GX", "4GX"} {
			if bytes.Contains(b, []byte(typed)) {
				t.Errorf("%s holds %q, which a family typed", name, typed)
			}
		}
	}
}

func TestDemandPageSuppressesSmallNumbers(t *testing.T) {
	e := newStaffEnv(t)
	yesterday := dayBefore(t, e.db.Today())
	if err := e.db.RecordDemand(context.Background(), map[directory.DemandKey]directory.DemandCount{
		{Day: yesterday, Area: "hampshire"}:                       {Searches: 25, NoResults: 12, Results: 300},
		{Day: yesterday, Area: "poole", PostcodeDistrict: "BH15"}: {Searches: 3, NoResults: 3},
	}); err != nil {
		t.Fatal(err)
	}
	page := e.fetch(t, e.client(t), "/demand", nil)
	if page.StatusCode != 200 {
		t.Fatalf("/demand: %d", page.StatusCode)
	}
	doc := parse(t, page)
	if got := text(doc.Find(`[data-testid="demand-hampshire"]`)); !strings.Contains(got, "25") || !strings.Contains(got, "12") {
		t.Errorf("Hampshire's row reads %q, want 25 searches and 12 with no service", got)
	}
	if got := text(doc.Find(`[data-testid="demand-poole"]`)); strings.Count(got, "fewer than 10") != 2 || strings.Contains(got, "3") {
		t.Errorf("Poole's row reads %q: 3 searches must show as fewer than 10", got)
	}
	if strings.Contains(text(doc.Find("main")), "BH15") && !strings.Contains(text(doc.Find(`[data-testid="demand-by-district"]`)), "fewer than 10") {
		t.Error("BH15's three searches are shown as a number")
	}
	if !strings.Contains(page.Body, `data-value="fewer than 10"`) {
		t.Error("the chart does not say fewer than 10 for Poole")
	}

	csv := e.fetch(t, e.client(t), "/demand.csv", nil).Body
	if !strings.HasPrefix(csv, "area,area_name,from,to,searches,with_no_results\n") {
		t.Fatalf("the CSV begins %q", strings.SplitN(csv, "\n", 2)[0])
	}
	if !strings.Contains(csv, "hampshire,Hampshire,") || !strings.Contains(csv, ",25,12\n") || !strings.Contains(csv, "poole,Poole,") || !strings.Contains(csv, ",<10,<10\n") {
		t.Errorf("the CSV does not give Hampshire 25 and 12 and Poole <10:\n%s", csv)
	}

	// The area's profile shows its searches beside its gaps.
	if got := text(parse(t, e.fetch(t, e.client(t), "/areas/hampshire", nil)).Find(`[data-testid="area-demand"]`)); !strings.Contains(got, "25 searches, of which 12 found no service") {
		t.Errorf("the Hampshire profile's searches read %q", got)
	}
}

func TestDemandPeriodIsChecked(t *testing.T) {
	e := newStaffEnv(t)
	for _, q := range []string{"from=yesterday", "to=2999-01-01", "from=2026-06-01&to=2026-01-01", "from=2020-01-01&to=2026-01-01"} {
		r := e.fetch(t, e.client(t), "/demand?"+q, nil)
		if r.StatusCode != http.StatusBadRequest || !strings.Contains(r.Body, `data-testid="error-summary"`) {
			t.Errorf("/demand?%s: %d, or no error summary", q, r.StatusCode)
		}
	}
}

func TestTallyWritesLeaveTheCacheAndStaffEditsAlone(t *testing.T) {
	e := newStaffEnv(t)
	public := e.client(t)
	e.fetch(t, public, "/coverage", nil)
	staff := e.login(t, "editor@example.org")
	form := e.editForm(t, staff, "roberts-centre")
	form.Set("phone", "023 9200 0099")
	form.Set("reason", "Confirmed by the centre")
	if r := e.post(t, staff, "/staff/services/roberts-centre", form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", r.StatusCode)
	}
	e.fetch(t, public, "/coverage", nil) // rendered again after the edit, then kept
	e.search(t, "q=Gosport", "")
	if rows := e.todaysDemand(t); len(rows) == 0 {
		t.Fatal("nothing was tallied, so this proves nothing")
	}
	hits, misses := e.cacheCounts()
	e.fetch(t, public, "/coverage", nil)
	if h, m := e.cacheCounts(); h != hits+1 || m != misses {
		t.Errorf("after the tally was written, /coverage was rendered again: hits %d->%d, misses %d->%d", hits, h, misses, m)
	}
	if svc, err := e.db.Service(context.Background(), "roberts-centre"); err != nil || svc.Contact.Phone != "023 9200 0099" {
		t.Errorf("after the tally was written the staff edit reads %q (%v)", svc.Contact.Phone, err)
	}
}

func TestTallyIsWrittenWithinSeconds(t *testing.T) {
	e := newStaffEnv(t)
	e.search(t, "q=Gosport", "")
	deadline := time.Now().Add(15 * time.Second)
	for {
		rows, err := e.db.Demand(context.Background(), e.db.Today(), e.db.Today())
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the tally was not written within 15 seconds of a search")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func dayBefore(t *testing.T, day string) string {
	t.Helper()
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		t.Fatal(err)
	}
	return d.AddDate(0, 0, -1).Format(time.DateOnly)
}
