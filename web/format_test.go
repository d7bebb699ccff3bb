package web

import "testing"

// TestActionLabels checks that every audited action reads as words, both
// before a record's name in the recent changes ("Restored an earlier
// version of Hampshire") and on the record's own history, where no name
// follows ("Restored an earlier version by Ada").
func TestActionLabels(t *testing.T) {
	for _, action := range []string{"create", "update", "archive", "unarchive", "restore", "review", "rate", "disable", "enable", "import"} {
		if ActionLabel(action) == action || HistoryActionLabel(action) == action {
			t.Errorf("%q has no words", action)
		}
	}
	if got := HistoryActionLabel("restore"); got != "Restored an earlier version" {
		t.Errorf("on a history page, a restore reads %q", got)
	}
	if got := ActionLabel("restore"); got != "Restored an earlier version of" {
		t.Errorf("in recent changes, a restore reads %q", got)
	}
}
