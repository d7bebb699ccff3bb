package postcode_test

import (
	"testing"

	"github.com/wessex-network/directory/internal/postcode"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in           string
		ok           bool
		outward      string
		inward       string
		area, String string
	}{
		{"PO12 1AA", true, "PO12", "1AA", "PO", "PO12 1AA"},
		{"po121aa", true, "PO12", "1AA", "PO", "PO12 1AA"},
		{" Po12  1aA ", true, "PO12", "1AA", "PO", "PO12 1AA"},
		{"PO12", true, "PO12", "", "PO", "PO12"},
		{"po 12", true, "PO12", "", "PO", "PO12"},
		{"bh15", true, "BH15", "", "BH", "BH15"},
		{"SO53 2AB", true, "SO53", "2AB", "SO", "SO53 2AB"},
		{"W1A 1AA", true, "W1A", "1AA", "W", "W1A 1AA"},
		{"M1 1AE", true, "M1", "1AE", "M", "M1 1AE"},
		{"sw1", true, "SW1", "", "SW", "SW1"},
		{"EC1A1BB", true, "EC1A", "1BB", "EC", "EC1A 1BB"},
		{"Gosport", false, "", "", "", ""},
		{"", false, "", "", "", ""},
		{"   ", false, "", "", "", ""},
		{"PO12 1A", false, "", "", "", ""},
		{"PO12 1CA", false, "", "", "", ""}, // C never appears in an inward code
		{"12 PO", false, "", "", "", ""},
		{"PO123 1AA", false, "", "", "", ""},
		{"P\"O12", false, "", "", "", ""},
	}
	for _, tt := range tests {
		got, ok := postcode.Parse(tt.in)
		if ok != tt.ok {
			t.Errorf("Parse(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if got.Outward != tt.outward || got.Inward != tt.inward || got.Area() != tt.area || got.String() != tt.String {
			t.Errorf("Parse(%q) = %q %q area %q string %q; want %q %q area %q string %q",
				tt.in, got.Outward, got.Inward, got.Area(), got.String(), tt.outward, tt.inward, tt.area, tt.String)
		}
		if got.Full() != (tt.inward != "") {
			t.Errorf("Parse(%q).Full() = %v", tt.in, got.Full())
		}
	}
}

func TestValidDistrict(t *testing.T) {
	for s, want := range map[string]bool{"PO12": true, "BH1": true, "SO14": true, "po12": false, "PO12 1AA": false, "": false} {
		if got := postcode.ValidDistrict(s); got != want {
			t.Errorf("ValidDistrict(%q) = %v, want %v", s, got, want)
		}
	}
}
