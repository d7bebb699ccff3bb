package web

import (
	"context"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

var glossary = []directory.GlossaryTerm{
	{Term: "PIP", Meaning: "Parent Infant Partnership"},
	{Term: "NHS FT", Meaning: "National Health Service Foundation Trust"},
	{Term: "UA", Meaning: "Unitary Authority"},
}

func TestAbbreviate(t *testing.T) {
	tests := []struct {
		text string
		want string // abbreviations in brackets
	}{
		{"PIP works with DorPIP.", "[PIP] works with DorPIP."},
		{"An NHS FT, not the NHS.", "An [NHS FT], not the NHS."},
		{"UA (Portsmouth) and UAs", "[UA] (Portsmouth) and UAs"},
		{"Nothing here", "Nothing here"},
		{"", ""},
		{"café PIP", "café [PIP]"},
	}
	for _, tt := range tests {
		var b strings.Builder
		for _, p := range Abbreviate(tt.text, glossary) {
			if p.Meaning != "" {
				b.WriteString("[" + p.Text + "]")
			} else {
				b.WriteString(p.Text)
			}
		}
		if b.String() != tt.want {
			t.Errorf("Abbreviate(%q) = %q, want %q", tt.text, b.String(), tt.want)
		}
	}
}

func TestAbbreviatedEscapesText(t *testing.T) {
	var b strings.Builder
	if err := Abbreviated(`<script>alert(1)</script> PIP`, glossary).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	if strings.Contains(got, "<script>") {
		t.Errorf("markup was not escaped: %s", got)
	}
	if !strings.Contains(got, `<abbr title="Parent Infant Partnership">PIP</abbr>`) {
		t.Errorf("no abbr: %s", got)
	}
}

func TestRatingTagNeverReliesOnColour(t *testing.T) {
	for _, r := range directory.Ratings {
		for _, compact := range []bool{false, true} {
			var b strings.Builder
			if err := RatingTag(r, compact).Render(context.Background(), &b); err != nil {
				t.Fatal(err)
			}
			text := stripTags(b.String())
			if text != r.Label() {
				t.Errorf("tag for %s (compact %v) reads %q, want %q", r, compact, text, r.Label())
			}
		}
	}
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

func TestFormatValueKeepsTheReportsDecimal(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want string
	}{{3, "3.0"}, {33, "33.0"}, {110.4, "110.4"}, {0.5, "0.5"}} {
		v := tt.in
		if got := FormatValue(&v); got != tt.want {
			t.Errorf("FormatValue(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := FormatValue(nil); got != "No value" {
		t.Errorf("FormatValue(nil) = %q", got)
	}
}
