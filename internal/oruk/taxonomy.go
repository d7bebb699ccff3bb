package oruk

import (
	"slices"

	"github.com/wessex-network/directory/internal/directory"
)

// IDFunc returns the stable UUID of a record of a kind with a slug; the
// directory passes directory.StableUUID, so an id never changes between
// databases or runs.
type IDFunc func(kind, slug string) string

// The vocabularies the directory publishes as taxonomies. Each is a kind of
// attribute a service can carry.
const (
	VocabServiceType  = "service-type"
	VocabStage        = "stage"
	VocabAudience     = "audience"
	VocabAccess       = "access"
	VocabIntervention = "intervention"
)

// TermRef names one term by its vocabulary and its value there: a slug for
// service types, stages, audiences and access routes, and the intervention's
// name for interventions.
type TermRef struct {
	Vocabulary string
	Value      string
}

// Catalog holds the published taxonomies and resolves term ids both ways.
type Catalog struct {
	id         IDFunc
	Taxonomies []Taxonomy
	byID       map[string]TermRef
	byRef      map[TermRef]TaxonomyTerm
}

// termDef is a term before it gets its id.
type termDef struct {
	value, name, description string
}

type vocabulary struct {
	slug, name, description string
}

var vocabularies = []vocabulary{
	{VocabServiceType, "Service type", "The kinds of service that the coverage matrix rates in each area."},
	{VocabStage, "Stage", "The points in pregnancy or the child's age that a service supports."},
	{VocabAudience, "Who it is for", "Groups of parents a service is especially meant for."},
	{VocabAccess, "How to get it", "The ways a family can get a service."},
	{VocabIntervention, "Interventions", "The named programmes and approaches that services offer."},
}

// NewCatalog builds the taxonomies from the service types, the fixed
// vocabularies, and the names of the interventions that services offer, given
// in any order and repeated or not: the published terms are in byte order,
// each once.
func NewCatalog(types []directory.ServiceType, interventions []string, id IDFunc) *Catalog {
	c := &Catalog{id: id, byID: map[string]TermRef{}, byRef: map[TermRef]TaxonomyTerm{}}
	terms := map[string][]termDef{}
	for _, t := range types {
		d := t.Description
		if d == "" {
			d = t.Name + "."
		}
		terms[VocabServiceType] = append(terms[VocabServiceType], termDef{t.Slug, t.Name, d})
	}
	for _, s := range directory.Stages {
		terms[VocabStage] = append(terms[VocabStage], termDef{string(s), s.Label(), "Stage: " + s.Label() + "."})
	}
	for _, a := range directory.Audiences {
		terms[VocabAudience] = append(terms[VocabAudience], termDef{string(a), a.Label(), "Especially for: " + a.Label() + "."})
	}
	for _, a := range directory.AccessRoutes {
		terms[VocabAccess] = append(terms[VocabAccess], termDef{string(a), a.Label(), "How to get it: " + a.Label() + "."})
	}
	for _, name := range slices.Compact(slices.Sorted(slices.Values(interventions))) {
		terms[VocabIntervention] = append(terms[VocabIntervention], termDef{name, name, "Intervention: " + name + "."})
	}
	for _, v := range vocabularies {
		tax := Taxonomy{ID: id("taxonomy", v.slug), Name: v.name, Description: v.description}
		for _, t := range terms[v.slug] {
			ref := TermRef{v.slug, t.value}
			term := TaxonomyTerm{
				ID: c.termID(ref), Name: t.name, Description: t.description,
				Taxonomy: v.name, TaxonomyID: tax.ID, Term: termCode(ref),
			}
			tax.TaxonomyTerms = append(tax.TaxonomyTerms, term)
			c.byID[term.ID] = ref
			c.byRef[ref] = term
		}
		c.Taxonomies = append(c.Taxonomies, tax)
	}
	return c
}

func (c *Catalog) termID(ref TermRef) string {
	return c.id("taxonomy-term", ref.Vocabulary+"/"+termCode(ref))
}

// termCode is the term's short code: the slug, or for an intervention its
// name in slug form.
func termCode(ref TermRef) string {
	if ref.Vocabulary == VocabIntervention {
		return directory.Slugify(ref.Value)
	}
	return ref.Value
}

// Term returns the published term for a vocabulary value.
func (c *Catalog) Term(ref TermRef) (TaxonomyTerm, bool) {
	t, ok := c.byRef[ref]
	return t, ok
}

// Resolve returns the vocabulary value a term id stands for.
func (c *Catalog) Resolve(termID string) (TermRef, bool) {
	r, ok := c.byID[termID]
	return r, ok
}

// Terms returns every term of every taxonomy, in order.
func (c *Catalog) Terms() []TaxonomyTerm {
	var out []TaxonomyTerm
	for _, t := range c.Taxonomies {
		out = append(out, t.TaxonomyTerms...)
	}
	return out
}

// ServiceTerms lists the terms a service carries.
func ServiceTerms(s directory.Service) []TermRef {
	var refs []TermRef
	if s.ServiceType != "" {
		refs = append(refs, TermRef{VocabServiceType, s.ServiceType})
	}
	for _, v := range s.Stages {
		refs = append(refs, TermRef{VocabStage, string(v)})
	}
	for _, v := range s.Audiences {
		refs = append(refs, TermRef{VocabAudience, string(v)})
	}
	for _, v := range s.Access {
		refs = append(refs, TermRef{VocabAccess, string(v)})
	}
	for _, v := range s.Interventions {
		refs = append(refs, TermRef{VocabIntervention, v})
	}
	return refs
}
