package directory

import "testing"

func TestForgetEmailsBeforeIsNinetyDaysEarlier(t *testing.T) {
	for today, want := range map[string]string{
		"2026-12-02": "2026-09-03",
		"2026-03-01": "2025-12-01",
		"not a date": "",
	} {
		if got := ForgetEmailsBefore(today); got != want {
			t.Errorf("ForgetEmailsBefore(%q) = %q, want %q", today, got, want)
		}
	}
}
