package web

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wessex-network/directory/internal/directory"
)

// TextPart is a run of text that may be an abbreviation from the glossary.
type TextPart struct {
	Text    string
	Meaning string // empty for plain text
}

// Abbreviate splits text into parts, marking each whole-word occurrence of a
// glossary term so that the page can wrap it in <abbr>. Longer terms win.
func Abbreviate(text string, glossary []directory.GlossaryTerm) []TextPart {
	terms := make([]directory.GlossaryTerm, len(glossary))
	copy(terms, glossary)
	sort.SliceStable(terms, func(i, j int) bool { return len(terms[i].Term) > len(terms[j].Term) })

	var parts []TextPart
	plain := 0
	for i := 0; i < len(text); {
		matched := false
		if i == 0 || !isWordRune(lastRune(text[:i])) {
			for _, t := range terms {
				end := i + len(t.Term)
				if t.Term == "" || !strings.HasPrefix(text[i:], t.Term) {
					continue
				}
				if end < len(text) && isWordRune(firstRune(text[end:])) {
					continue
				}
				if plain < i {
					parts = append(parts, TextPart{Text: text[plain:i]})
				}
				parts = append(parts, TextPart{Text: t.Term, Meaning: t.Meaning})
				i, plain, matched = end, end, true
				break
			}
		}
		if !matched {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
		}
	}
	if plain < len(text) {
		parts = append(parts, TextPart{Text: text[plain:]})
	}
	return parts
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func lastRune(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }
