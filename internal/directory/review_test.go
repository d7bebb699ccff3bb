package directory

import "testing"

func TestReviewStages(t *testing.T) {
	s := Service{ReviewDue: "2027-01-10", CreatedAt: "2026-01-01T00:00:00Z"}
	for day, want := range map[string]ReviewStage{
		"2027-01-09": ReviewCurrent, "2027-01-10": ReviewDue, "2027-01-23": ReviewDue,
		"2027-01-24": ReviewOverdue, "2027-02-06": ReviewOverdue, "2027-02-07": ReviewUnchecked, "2028-01-01": ReviewUnchecked,
	} {
		if got := s.ReviewStage(day); got != want {
			t.Errorf("on %s: %v, want %v", day, got, want)
		}
	}
	if got := (Service{LastReviewed: "2026-06-01"}).ReviewDueOn(); got != "2026-12-01" {
		t.Errorf("due six months after the last review: %q", got)
	}
	if got := (Service{CreatedAt: "2026-03-04T10:00:00Z"}).ReviewDueOn(); got != "2026-03-04" {
		t.Errorf("a service never reviewed is due from the day it was added: %q", got)
	}
}
