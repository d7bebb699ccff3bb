package web

import (
	"testing"
	"time"
)

func TestWaitedSaysHoursThenDays(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	for since, want := range map[string]string{
		"2026-12-03T11:30:00Z": "Under an hour",
		"2026-12-03T11:00:00Z": "1 hour",
		"2026-12-02T13:00:00Z": "23 hours",
		"2026-12-01T13:00:00Z": "47 hours",
		"2026-12-01T12:00:00Z": "2 days",
		"2026-11-03T12:00:00Z": "30 days",
		"not a time":           "not a time",
	} {
		if got := Waited(since, now); got != want {
			t.Errorf("Waited(%q) = %q, want %q", since, got, want)
		}
	}
}
