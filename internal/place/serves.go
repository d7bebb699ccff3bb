package place

import (
	"sort"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// Reason says why a service matches a place, in words for a family.
type Reason struct {
	Text string // such as "Serves Poole", "Serves all of Wessex" or "Serves Havant and Gosport"
	Note string // the service's own note on the area, such as "Southampton only."
}

// Serves reports whether a service serves a place, and why. lineage is the
// place's area and every area it is part of, nearest first; children lists the
// areas within each area, by the parent's slug.
//
// A service serves the place when it lists one of the lineage's areas. Where
// the note on that area says "only" and names some of the area's own
// districts ("Havant and Gosport only"), the service serves those districts alone: a search in
// another district of the area leaves it out, and a search for the whole area
// shows it with its note.
func Serves(s directory.Service, lineage []directory.Area, children map[string][]directory.Area) (Reason, bool) {
	for i, a := range lineage {
		sa, ok := s.ServesArea(a.Slug)
		if !ok {
			continue
		}
		named := namedIn(sa.Note, children[a.Slug])
		if len(named) > 0 && i > 0 {
			below := lineage[i-1] // the place's area within a
			for _, d := range named {
				if d.Slug == below.Slug {
					return Reason{Text: "Serves " + joinNames(named)}, true
				}
			}
			continue // it serves other districts of a, not this one
		}
		text := "Serves " + a.Name
		if a.Kind == directory.KindRegion || a.Kind == directory.KindNation {
			text = "Serves all of " + a.Name
		}
		return Reason{Text: text, Note: sa.Note}, true
	}
	return Reason{}, false
}

// namedIn returns the areas whose names appear as whole words in a note that
// limits a service to them with "only", in the order the note names them.
func namedIn(note string, areas []directory.Area) []directory.Area {
	text := " " + Fold(note) + " "
	if !strings.Contains(text, " only ") {
		return nil
	}
	type found struct {
		area directory.Area
		at   int
	}
	var list []found
	for _, a := range areas {
		if i := strings.Index(text, " "+Fold(a.Name)+" "); i >= 0 {
			list = append(list, found{a, i})
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].at < list[j].at })
	named := make([]directory.Area, len(list))
	for i, f := range list {
		named[i] = f.area
	}
	return named
}

// joinNames writes names as a list in words: "A", "A and B", "A, B and C".
func joinNames(areas []directory.Area) string {
	names := make([]string, len(areas))
	for i, a := range areas {
		names[i] = a.Name
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Children groups areas by the slug of the area they are part of.
func Children(areas []directory.Area) map[string][]directory.Area {
	out := map[string][]directory.Area{}
	for _, a := range areas {
		if a.ParentSlug != "" {
			out[a.ParentSlug] = append(out[a.ParentSlug], a)
		}
	}
	return out
}
