package directory

import (
	"context"
	"testing"
)

type fakeQueue struct {
	suggestions []Suggestion
	proposals   []Proposal
	held        []HeldService
}

func (f fakeQueue) Suggestions(context.Context, string) ([]Suggestion, error) {
	return f.suggestions, nil
}
func (f fakeQueue) Proposals(context.Context, string) ([]Proposal, error) { return f.proposals, nil }
func (f fakeQueue) HeldServices(context.Context) ([]HeldService, error)   { return f.held, nil }

func TestReviewQueueOldestFirstAcrossKinds(t *testing.T) {
	src := fakeQueue{
		suggestions: []Suggestion{{ID: 7, ServiceName: "Baby steps", CreatedAt: "2026-12-03T10:00:00Z"}},
		proposals:   []Proposal{{ID: 2, Service: Service{Name: "Cradle talk"}, CreatedAt: "2026-12-01T09:00:00Z"}},
		held:        []HeldService{{Service: Service{Slug: "far-away", Name: "Far away"}, HeldAt: "2026-12-02T08:00:00Z"}},
	}
	items, err := ReviewQueue(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.Kind+":"+it.Key)
	}
	want := []string{"proposal:2", "held:far-away", "suggestion:7"}
	if len(got) != len(want) {
		t.Fatalf("queue = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("queue = %v, want %v", got, want)
		}
	}
	if items[0].Proposal == nil || items[1].Held == nil || items[2].Suggestion == nil {
		t.Errorf("items do not carry their records: %+v", items)
	}
}
