package server_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// searchCase is a place search as a family types it, and what it must lead
// to: "area:SLUG" (results for that area; several slugs where the place lies
// in several areas that lead to the same services), "ask:SLUG SLUG" (the
// question which area, with those choices, "outside" for the part outside
// the region), "ask:A or B" (the question which of a place and a postcode),
// "outside" or "unknown".
type searchCase struct {
	category string
	query    string
	want     string
	says     string // words the page must also show, if any
	why      bool   // one of the searches the issue named as failing
}

// searchCases are the measure of how well the search forgives how people type.
var searchCases = []searchCase{
	// Searches that worked before.
	{"exact", "Gosport", "area:gosport", "", false},
	{"exact", "gosport", "area:gosport", "", false},
	{"exact", "Waterlooville", "area:havant", "", false},
	{"exact", "Lee-on-the-Solent", "area:gosport", "", false},
	{"exact", "lee on the solent", "area:gosport", "", false},
	{"exact", "Chandler's Ford", "area:eastleigh", "", false},
	{"exact", "Chandlers Ford", "area:eastleigh", "", false},
	{"exact", "Bishop's Waltham", "area:winchester", "", false},
	{"exact", "Newport", "area:isle-of-wight", "", false},
	{"exact", "Ryde", "area:isle-of-wight", "", false},
	{"exact", "Weymouth", "area:weymouth-and-portland", "", false},
	{"exact", "Southsea", "area:portsmouth", "", false},
	{"exact", "Christchurch", "area:christchurch", "", false},
	{"exact", "Southampton", "area:southampton", "", false},
	{"exact", "Portsmouth", "area:portsmouth", "", false},
	{"exact", "Bournemouth", "area:bournemouth", "", false},
	{"exact", "Poole", "area:poole", "", false},
	{"exact", "Hampshire", "area:hampshire", "", false},
	{"exact", "Dorset", "area:dorset", "", false},
	{"exact", "Isle of Wight", "area:isle-of-wight", "", false},
	{"exact", "Test Valley", "area:test-valley", "", false},
	{"exact", "Basingstoke and Deane", "area:basingstoke-and-deane", "", false},
	{"exact", "Dorset Council", "area:dorset", "", false},
	{"exact", "BCP Council", "ask:bournemouth poole christchurch", "", false},
	{"postcode", "PO12 1AA", "area:gosport", "", false},
	{"postcode", "po121aa", "area:gosport", "", false},
	{"postcode", " Po12  1aA ", "area:gosport", "", false},
	{"postcode", "BH15", "area:poole", "", false},
	{"postcode", "bh 15", "area:poole", "", false},
	{"postcode", "SO21", "area:hampshire", "", false},
	{"postcode", "PO30", "area:isle-of-wight", "", false},
	{"postcode", "BH24", "ask:new-forest east-dorset", "", false},
	{"postcode", "BH11", "ask:bournemouth poole", "", false},
	{"postcode", "SO16 7AA", "ask:test-valley southampton", "", false},
	{"postcode", "DT7", "ask:west-dorset outside", "", false},
	{"outside", "Salisbury", "outside", "Wiltshire", false},
	{"outside", "SW1A 1AA", "outside", "", false},
	{"outside", "Farnham, Surrey", "outside", "Surrey", false},
	{"unknown", "Atlantis", "unknown", "", false},

	// A county, city or country after the place.
	{"qualifier", "Gosport, Hampshire", "area:gosport", "", true},
	{"qualifier", "Newport, Isle of Wight", "area:isle-of-wight", "", true},
	{"qualifier", "Ryde, Isle of Wight", "area:isle-of-wight", "", true},
	{"qualifier", "Lymington, Hampshire", "area:new-forest", "", true},
	{"qualifier", "Weymouth, Dorset", "area:weymouth-and-portland", "", true},
	{"qualifier", "Bournemouth, Dorset", "area:bournemouth", "", true},
	{"qualifier", "Hythe, Hampshire", "area:new-forest", "", true},
	{"qualifier", "Gosport Hampshire", "area:gosport", "", false},
	{"qualifier", "Hythe Hampshire", "area:new-forest", "", false},
	{"qualifier", "Romsey Hampshire", "area:test-valley", "", false},
	{"qualifier", "Poole, Dorset", "area:poole", "", false},
	{"qualifier", "Southampton, Hampshire", "area:southampton", "", false},
	{"qualifier", "Portsmouth, Hampshire", "area:portsmouth", "", false},
	{"qualifier", "Southsea, Hampshire", "area:portsmouth", "", false},
	{"qualifier", "Boscombe, Dorset", "area:bournemouth", "", false},
	{"qualifier", "Cowes, Isle of Wight", "area:isle-of-wight", "", false},
	{"qualifier", "Ferndown, Dorset", "area:east-dorset", "", false},
	{"qualifier", "Shaftesbury, Dorset", "area:north-dorset", "", false},
	{"qualifier", "Christchurch, Dorset", "area:christchurch", "", false},
	{"qualifier", "Lee-on-the-Solent, Hampshire", "area:gosport", "", false},
	{"qualifier", "Andover, Hampshire, England", "area:test-valley", "", false},
	{"qualifier", "Whiteley, Winchester", "area:winchester", "", false},
	{"qualifier", "Hampshire, Gosport", "area:gosport", "", false},
	{"qualifier", "Gosport, Dorset", "area:gosport", "Gosport is in Hampshire.", false},
	{"qualifier", "Bournemouth, Hampshire", "area:bournemouth", "Bournemouth is in Dorset.", false},
	{"qualifier", "Hedge End, Southampton", "area:eastleigh", "Hedge End is in Hampshire.", false},

	// Short forms.
	{"short form", "Newport IOW", "area:isle-of-wight", "", true},
	{"short form", "Newport, I.O.W.", "area:isle-of-wight", "", false},
	{"short form", "Ryde IoW", "area:isle-of-wight", "", false},
	{"short form", "IOW", "area:isle-of-wight", "", false},
	{"short form", "Winchester, Hants", "area:winchester", "", false},
	{"short form", "Fleet Hants", "area:hart", "", false},
	{"short form", "Saint Leonards", "area:east-dorset", "", false},
	{"short form", "St. Leonards", "area:east-dorset", "", false},
	{"short form", "Weymouth & Portland", "area:weymouth-and-portland", "", false},
	{"short form", "Basingstoke & Deane", "area:basingstoke-and-deane", "", false},
	{"short form", "Lee-on-Solent", "area:gosport", "", false},
	{"short form", "Bishops Waltham", "area:winchester", "", false},

	// A district of a city.
	{"district of a city", "Shirley, Southampton", "area:southampton", "", true},
	{"district of a city", "Bitterne, Southampton", "area:southampton", "", false},
	{"district of a city", "Portswood Southampton", "area:southampton", "", false},
	{"district of a city", "Cosham, Portsmouth", "area:portsmouth", "", false},
	{"district of a city", "Kinson, Bournemouth", "area:bournemouth", "", false},
	{"district of a city", "Parkstone, Poole", "area:poole", "", false},

	// A letter or two wrong.
	{"typo", "Southamton", "area:southampton", "Showing results for Southampton", true},
	{"typo", "Bournmouth", "area:bournemouth", "Showing results for Bournemouth", true},
	{"typo", "Winchestr", "area:winchester", "Showing results for Winchester", true},
	{"typo", "Soutahmpton", "area:southampton", "Showing results for Southampton", false},
	{"typo", "Portsmuth", "area:portsmouth", "Showing results for Portsmouth", false},
	{"typo", "Basingstok", "area:basingstoke-and-deane", "Showing results for Basingstoke", false},
	{"typo", "Gosprt", "area:gosport", "Showing results for Gosport", false},
	{"typo", "Lymmington", "area:new-forest", "Showing results for Lymington", false},
	{"typo", "Bornemouth", "area:bournemouth", "Showing results for Bournemouth", false},
	{"typo", "Ringwod", "area:new-forest", "Showing results for Ringwood", false},
	{"typo", "Dorchster", "area:west-dorset", "Showing results for Dorchester", false},
	{"typo", "Cowse", "area:isle-of-wight", "Showing results for Cowes", false},
	{"typo", "Bournmouth, Dorset", "area:bournemouth", "Showing results for Bournemouth, Dorset", false},
	{"typo", "Gosport, Hamshire", "area:gosport", "Showing results for Gosport, Hampshire", false},
	{"typo", "Whitely", "area:fareham winchester", "Showing results for Whiteley", false},
	{"typo", "Rye", "unknown", "", false},
	{"typo", "Hyde", "unknown", "", false},

	// A place and a postcode together.
	{"mixed", "Basingstoke RG21", "area:basingstoke-and-deane", "", true},
	{"mixed", "Newport PO30", "area:isle-of-wight", "", false},
	{"mixed", "RG21 Basingstoke", "area:basingstoke-and-deane", "", false},
	{"mixed", "Gosport PO12", "area:gosport", "", false},
	{"mixed", "Gosport PO12 3AB", "area:gosport", "", false},
	{"mixed", "Lyme Regis DT7", "area:west-dorset", "", false},
	{"mixed", "Ringwood BH24", "area:new-forest", "", false},
	{"mixed", "St Leonards BH24", "area:east-dorset", "", false},
	{"mixed", "Southampton, SO16", "area:southampton", "", false},
	{"mixed", "Romsey SO51", "area:test-valley", "", false},
	{"mixed", "Gosport BH1", "ask:Gosport or BH1", "", false},
	{"mixed", "Basingstoke RG99", "area:basingstoke-and-deane", "RG99 is not a postcode district in our list", false},

	// Fewer questions.
	{"fewer questions", "Whiteley", "area:fareham winchester", "Whiteley is in Fareham and Winchester, districts of Hampshire.", true},
	{"fewer questions", "Whiteley, Hampshire", "area:fareham winchester", "", false},
	{"fewer questions", "Valley Park", "area:test-valley eastleigh", "", false},
}

// landing reads what a search led to from its page, in searchCase's terms.
func landing(status int, doc *goquery.Document) string {
	switch {
	case status == 404:
		return "unknown"
	case doc.Find(`[data-testid="where"]`).Length() == 1:
		return "area:" + doc.Find(`[data-testid="where"]`).AttrOr("data-area", "")
	case doc.Find(`[data-testid="place-choices"]`).Length() == 1:
		var slugs []string
		doc.Find(`[data-testid="place-choices"] a`).Each(func(_ int, a *goquery.Selection) {
			if u, err := url.Parse(a.AttrOr("href", "")); err == nil {
				slugs = append(slugs, u.Query().Get("area"))
			}
		})
		return "ask:" + strings.Join(slugs, " ")
	case doc.Find(`[data-testid="conflict-choices"]`).Length() == 1:
		var choices []string
		doc.Find(`[data-testid="conflict-choices"] a`).Each(func(_ int, a *goquery.Selection) {
			choices = append(choices, text(a))
		})
		return "ask:" + strings.Join(choices, " or ")
	case strings.HasSuffix(text(doc.Find("h1")), "is outside Wessex"):
		return "outside"
	}
	return "something else: " + text(doc.Find("h1"))
}

// TestFindLandsRight runs every search in searchCases through the page and
// reports the share that lands where it must. It fails on any that does not.
func TestFindLandsRight(t *testing.T) {
	if len(searchCases) < 80 {
		t.Fatalf("only %d searches; the measure needs at least 80", len(searchCases))
	}
	srv := newTestServer(t)
	right, why, whyRight := 0, 0, 0
	byCategory := map[string][2]int{}
	var order []string
	for _, c := range searchCases {
		resp, body := get(t, srv, "/find?q="+url.QueryEscape(c.query))
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		got := landing(resp.StatusCode, doc)
		ok := got == c.want && (c.says == "" || strings.Contains(text(doc.Find("main")), c.says))
		if _, seen := byCategory[c.category]; !seen {
			order = append(order, c.category)
		}
		n := byCategory[c.category]
		n[1]++
		if ok {
			right++
			n[0]++
		} else if c.says != "" && got == c.want {
			t.Errorf("%q lands at %s, but the page does not say %q", c.query, got, c.says)
		} else {
			t.Errorf("%q lands at %s, want %s", c.query, got, c.want)
		}
		byCategory[c.category] = n
		if c.why {
			why++
			if ok {
				whyRight++
			}
		}
	}
	for _, cat := range order {
		t.Logf("%-20s %d of %d land right", cat, byCategory[cat][0], byCategory[cat][1])
	}
	t.Logf("%d of %d searches land right (%.1f%%); %d of the %d the issue named", right, len(searchCases),
		100*float64(right)/float64(len(searchCases)), whyRight, why)
}
