package server_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestFindAnswersAtOnce checks that a place in two areas that lead to the
// same ratings and services gets its results with no question, naming both
// parts, and that one whose areas differ is still asked about.
func TestFindAnswersAtOnce(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/find?q=Whiteley", 200)
	if doc.Find(`[data-testid="place-choices"]`).Length() != 0 {
		t.Fatal("Whiteley asks which area, though both lead to Hampshire's services")
	}
	if h1 := text(doc.Find("h1")); h1 != "Help for families in Whiteley" {
		t.Errorf("heading %q", h1)
	}
	where := text(doc.Find(`[data-testid="where"]`))
	if !strings.Contains(where, "Whiteley is in Fareham and Winchester, districts of Hampshire.") {
		t.Errorf("the page does not name both parts of Whiteley: %q", where)
	}
	result(t, doc, "family-nurse-partnership")
	if doc.Find(`[data-testid="result-roberts-centre"]`).Length() != 0 {
		t.Error("Whiteley shows the Roberts Centre, which serves only Havant and Gosport")
	}

	// Choosing one part still works, and gives that part alone.
	chosen := text(getDoc(t, srv, "/find?q=Whiteley&area=winchester", 200).Find(`[data-testid="where"]`))
	if !strings.Contains(chosen, "Whiteley is in Winchester, a district of Hampshire.") {
		t.Errorf("Whiteley in Winchester: %q", chosen)
	}

	for _, q := range []string{"BH24", "SO16", "BCP"} {
		if getDoc(t, srv, "/find?q="+q, 200).Find(`[data-testid="place-choices"]`).Length() != 1 {
			t.Errorf("%s lies in areas with different ratings or services, but the page does not ask which", q)
		}
	}
}

// TestFindWhereLinksToAreas checks that the sentence that says where a place
// is links to the profile of each area it names.
func TestFindWhereLinksToAreas(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct{ query, want string }{
		{"Lymington", "/areas/new-forest /areas/hampshire"},
		{"Gosport", "/areas/gosport /areas/hampshire"},
		{"Southampton", "/areas/southampton"},
		{"Ryde", "/areas/isle-of-wight"},
		{"BH15", "/areas/poole"},
		{"Wessex", "/areas/wessex"},
	}
	for _, tt := range tests {
		doc := getDoc(t, srv, "/find?q="+tt.query, 200)
		var got []string
		for _, n := range doc.Find(`[data-testid="where"] a`).Nodes {
			for _, a := range n.Attr {
				if a.Key == "href" {
					got = append(got, a.Val)
				}
			}
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: the where sentences link to %v, want %s", tt.query, got, tt.want)
		}
		for _, href := range got {
			if resp, _ := get(t, srv, href); resp.StatusCode != 200 {
				t.Errorf("%s: the where sentence links to %s, which answers %d", tt.query, href, resp.StatusCode)
			}
		}
	}
}

// TestFindExactTravels checks that a search asked for exactly keeps that
// through the filters, and that a new search from the form forgives again.
func TestFindExactTravels(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/find?q=Gosport&exact=1", 200)
	if doc.Find(`form[data-testid="filters"] input[name="exact"][value="1"]`).Length() != 1 {
		t.Error("the filter form drops exact=1")
	}
	if doc.Find(`form.app-place-search input[name="exact"]`).Length() != 0 {
		t.Error("the search form carries exact=1 to a new search")
	}
	if doc.Find(`[data-testid="corrected"]`).Length() != 0 {
		t.Error("an exact search says it was corrected")
	}
	// The page cache keeps the two readings of one search apart.
	for range 2 {
		getDoc(t, srv, "/find?q=Southamton", 200)
		getDoc(t, srv, "/find?q=Southamton&exact=1", 404)
	}
	for range 2 {
		if _, body := get(t, srv, "/places?q=lymi"); !strings.Contains(body, "Lymington") {
			t.Errorf("/places?q=lymi: %s", body)
		}
		if _, body := get(t, srv, "/places?q=gosp"); !strings.Contains(body, "Gosport") {
			t.Errorf("/places?q=gosp: %s", body)
		}
	}
}

// TestPlacesSuggests checks the suggestions as you type: JSON, at most ten,
// each with its name, kind and area, and an empty list for nothing typed.
func TestPlacesSuggests(t *testing.T) {
	srv := newTestServer(t)
	resp, body := get(t, srv, "/places?q=gosp")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, content type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var got []struct{ Name, Kind, Area string }
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "Gosport" || got[0].Kind != "town" || got[0].Area != "Hampshire" {
		t.Errorf("suggestions for gosp: %+v", got)
	}
	if _, body := get(t, srv, "/places?q=s"); strings.Count(body, `"name"`) != 10 {
		t.Errorf("suggestions for s: want ten, got %s", body)
	}
	for _, path := range []string{"/places", "/places?q=", "/places?q=zzzz"} {
		if _, body := get(t, srv, path); strings.TrimSpace(body) != "[]" {
			t.Errorf("%s: %s, want an empty list", path, body)
		}
	}
}
