package server

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

// demandFlushDelay is how long a count waits in memory before it is written:
// the issue asks for at least every 10 seconds.
const demandFlushDelay = 5 * time.Second

// demandTally counts public searches in memory and writes them to the store
// at most demandFlushDelay after the first count since the last write, and
// when the server closes. It keeps only the aggregate keys of
// directory.DemandKey: never what was typed.
type demandTally struct {
	record func(context.Context, map[directory.DemandKey]directory.DemandCount) error
	log    *slog.Logger

	mu      sync.Mutex
	counts  map[directory.DemandKey]directory.DemandCount
	pending bool // a write is scheduled
}

func newDemandTally(record func(context.Context, map[directory.DemandKey]directory.DemandCount) error, log *slog.Logger) *demandTally {
	return &demandTally{record: record, log: log, counts: map[directory.DemandKey]directory.DemandCount{}}
}

// add counts one search.
func (t *demandTally) add(k directory.DemandKey, c directory.DemandCount) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.counts[k] = t.counts[k].Add(c)
	if !t.pending {
		t.pending = true
		time.AfterFunc(demandFlushDelay, func() { t.flush(context.Background()) })
	}
}

// flush writes what is counted. Counts that cannot be written are kept for
// the next try, and the failure is logged, so none is lost silently.
func (t *demandTally) flush(ctx context.Context) error {
	t.mu.Lock()
	counts := t.counts
	t.counts = map[directory.DemandKey]directory.DemandCount{}
	t.pending = false
	t.mu.Unlock()
	if len(counts) == 0 {
		return nil
	}
	err := t.record(ctx, counts)
	if err == nil {
		return nil
	}
	t.log.Error("write the search tally; keeping it to try again", "error", err, "keys", len(counts))
	t.mu.Lock()
	defer t.mu.Unlock()
	for k, c := range counts {
		t.counts[k] = t.counts[k].Add(c)
	}
	if !t.pending {
		t.pending = true
		time.AfterFunc(demandFlushDelay, func() { t.flush(context.Background()) })
	}
	return err
}

// demandNote is what the find handler says of one search, for the tally:
// filled in while the page renders, kept with the cached page, and counted
// each time the page is served.
type demandNote struct {
	key   directory.DemandKey // without its day, which is the day it is served
	count directory.DemandCount
	set   bool
}

type demandNoteKey struct{}

// noteDemand records, for the tally, what the search being rendered found.
// It does nothing when the request is not being rendered for the cache.
func noteDemand(ctx context.Context, key directory.DemandKey, results int) {
	n, ok := ctx.Value(demandNoteKey{}).(*demandNote)
	if !ok {
		return
	}
	n.key, n.set = key, true
	n.count = directory.DemandCount{Searches: 1, Results: results}
	if results == 0 {
		n.count.NoResults = 1
	}
}

// knownCrawlers are words in the user agents of search engines and other
// robots, whose requests are not counted as demand. The user agent is read
// for this and never kept.
var knownCrawlers = []string{"bot", "crawl", "spider", "slurp", "bingpreview", "facebookexternalhit", "python-requests", "curl/", "wget/"}

// isCrawler reports whether a request comes from a known robot.
func isCrawler(userAgent string) bool {
	ua := strings.ToLower(userAgent)
	if ua == "" {
		return true
	}
	for _, w := range knownCrawlers {
		if strings.Contains(ua, w) {
			return true
		}
	}
	return false
}

// countDemand adds a served search to the tally, unless a robot asked.
func (s *Server) countDemand(page *cachedPage, userAgent string) {
	if page.demand == nil || isCrawler(userAgent) {
		return
	}
	k := page.demand.key
	k.Day = s.today()
	s.demand.add(k, page.demand.count)
}

// Close writes out what the server holds in memory: the search tally. Call
// it once the server has stopped taking requests.
func (s *Server) Close() error {
	return s.demand.flush(context.Background())
}
