package postgres

import (
	"context"
	"fmt"
	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// Load validates a dataset and adds every record that is not there yet, all in
// one transaction: a dataset with any problem writes nothing. Records already
// present, matched by slug or key, are never overwritten, so staff edits survive.
func (db *DB) Load(ctx context.Context, ds *directory.Dataset) (directory.LoadResult, error) {
	var res directory.LoadResult
	if err := ds.Validate(); err != nil {
		return res, err
	}
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return res, fmt.Errorf("begin load: %w", err)
	}
	defer tx.Rollback(ctx)

	now := db.now()
	steps := []func() error{
		func() (err error) { res.Areas, err = loadAreas(ctx, tx, ds.Areas); return },
		func() (err error) { res.Places, err = loadPlaces(ctx, tx, ds.Places); return },
		func() (err error) { res.ServiceTypes, err = loadServiceTypes(ctx, tx, ds.ServiceTypes); return },
		func() (err error) { res.Organisations, err = loadOrganisations(ctx, tx, ds.Organisations); return },
		func() (err error) { res.Services, err = loadServices(ctx, tx, ds.Services, now); return },
		func() (err error) { res.CoverageCells, err = loadCoverage(ctx, tx, ds.Coverage, now); return },
		func() (err error) {
			res.Indicators, res.IndicatorValues, err = loadIndicators(ctx, tx, ds.Indicators)
			return
		},
		func() (err error) { res.GlossaryTerms, err = loadGlossary(ctx, tx, ds.Glossary); return },
		func() (err error) { res.References, err = loadReferences(ctx, tx, ds.References); return },
		func() (err error) { res.Tiles, err = loadTiles(ctx, tx, ds.Tiles); return },
		func() (err error) { res.Baselines, err = loadBaselines(ctx, tx, ds.Baselines); return },
		func() (err error) {
			res.Recommendations, err = loadRecommendations(ctx, tx, ds.Recommendations)
			return
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return directory.LoadResult{}, err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return directory.LoadResult{}, fmt.Errorf("commit load: %w", err)
	}
	return res, nil
}

// added runs an insert that may be ignored on conflict and reports whether it added a row.
func added(ctx context.Context, tx pgx.Tx, query string, args ...any) (bool, error) {
	tag, err := tx.Exec(ctx, query, args...)
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

func loadAreas(ctx context.Context, tx pgx.Tx, areas []directory.Area) (int, error) {
	n := 0
	for i, a := range areas {
		ok, err := added(ctx, tx, `
			INSERT INTO areas (slug, name, short_name, kind, parent_id, ons_code, valid_from, valid_to, position, note)
			VALUES ($1, $2, $3, $4, (SELECT id FROM areas WHERE slug = $5), $6, $7, $8, $9, $10)
			ON CONFLICT (slug) DO NOTHING`,
			a.Slug, a.Name, a.ShortName, a.Kind, a.ParentSlug, a.Code, a.ValidFrom, a.ValidTo, i+1, a.Note)
		if err != nil {
			return n, fmt.Errorf("load area %q: %w", a.Slug, err)
		}
		if ok {
			n++
		}
		// The ceremonial county came after the first datasets were loaded:
		// an area that lacks it gets it, and one that has it keeps its own.
		if a.CeremonialCounty != "" {
			if _, err := tx.Exec(ctx, `
				UPDATE areas SET ceremonial_county_id = (SELECT id FROM areas WHERE slug = $1)
				WHERE slug = $2 AND ceremonial_county_id IS NULL`, a.CeremonialCounty, a.Slug); err != nil {
				return n, fmt.Errorf("load ceremonial county of area %q: %w", a.Slug, err)
			}
		}
	}
	// Successions came later too, and may name an area listed after the one
	// that took over from it, so they are loaded once every area is there.
	// An area keeps any it has and gains the dataset's.
	for _, a := range areas {
		for _, p := range a.Succeeds {
			if _, err := tx.Exec(ctx, `
				INSERT INTO area_successions (successor_id, predecessor_id)
				SELECT s.id, p.id FROM areas s, areas p WHERE s.slug = $1 AND p.slug = $2
				ON CONFLICT DO NOTHING`, a.Slug, p); err != nil {
				return n, fmt.Errorf("load what area %q succeeds: %w", a.Slug, err)
			}
		}
	}
	return n, nil
}

func loadServiceTypes(ctx context.Context, tx pgx.Tx, types []directory.ServiceType) (int, error) {
	n := 0
	for i, t := range types {
		ok, err := added(ctx, tx, `
			INSERT INTO service_types (slug, name, description, position) VALUES ($1, $2, $3, $4)
			ON CONFLICT (slug) DO NOTHING`, t.Slug, t.Name, t.Description, i+1)
		if err != nil {
			return n, fmt.Errorf("load service type %q: %w", t.Slug, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

func loadOrganisations(ctx context.Context, tx pgx.Tx, orgs []directory.Organisation) (int, error) {
	n := 0
	for _, o := range orgs {
		id := o.UUID
		if id == "" {
			id = directory.StableUUID("organisation", o.Slug)
		}
		ok, err := added(ctx, tx, `
			INSERT INTO organisations (uuid, slug, name, kind, description, website, source)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (slug) DO NOTHING`,
			id, o.Slug, o.Name, o.Kind, o.Description, o.Website, o.Source)
		if err != nil {
			return n, fmt.Errorf("load organisation %q: %w", o.Slug, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

func loadServices(ctx context.Context, tx pgx.Tx, services []directory.Service, now string) (int, error) {
	n := 0
	for _, s := range services {
		id := s.UUID
		if id == "" {
			id = directory.StableUUID("service", s.Slug)
		}
		var org string
		if s.Organisation != nil {
			org = s.Organisation.Slug
		}
		status := s.Status
		if status == "" {
			status = directory.StatusActive
		}
		ok, err := added(ctx, tx, `
			INSERT INTO services (uuid, at_location_uuid, slug, name, service_type_id, organisation_id, summary, description,
				eligibility, how_to_access, phone, email, website, address, opening_hours, status,
				last_reviewed, review_due, source, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, (SELECT id FROM service_types WHERE slug = $5), (SELECT id FROM organisations WHERE slug = $6),
				$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1, $20, $21)
			ON CONFLICT (slug) DO NOTHING`,
			id, atLocationUUID(s.Slug), s.Slug, s.Name, s.ServiceType, org, s.Summary, s.Description,
			s.Eligibility, s.HowToAccess, s.Contact.Phone, s.Contact.Email, s.Contact.Website, s.Contact.Address,
			s.Contact.OpeningHours, status, s.LastReviewed, reviewDue(s), s.Source, now, now)
		if err != nil {
			return n, fmt.Errorf("load service %q: %w", s.Slug, err)
		}
		if !ok {
			continue
		}
		n++
		if err := insertServiceLists(ctx, tx, s); err != nil {
			return n, fmt.Errorf("load service %q: %w", s.Slug, err)
		}
	}
	return n, nil
}

// insertServiceLists writes a service's stages, audiences, access routes,
// interventions and areas, looking the service up by its slug.
func insertServiceLists(ctx context.Context, tx pgx.Tx, s directory.Service) error {
	var id int64
	if err := tx.QueryRow(ctx, `SELECT id FROM services WHERE slug = $1`, s.Slug).Scan(&id); err != nil {
		return fmt.Errorf("find service: %w", err)
	}
	for _, st := range s.Stages {
		if _, err := tx.Exec(ctx, `INSERT INTO service_stages (service_id, stage) VALUES ($1, $2)`, id, st); err != nil {
			return fmt.Errorf("stage %q: %w", st, err)
		}
	}
	for _, au := range s.Audiences {
		if _, err := tx.Exec(ctx, `INSERT INTO service_audiences (service_id, audience) VALUES ($1, $2)`, id, au); err != nil {
			return fmt.Errorf("audience %q: %w", au, err)
		}
	}
	for _, ac := range s.Access {
		if _, err := tx.Exec(ctx, `INSERT INTO service_access (service_id, route) VALUES ($1, $2)`, id, ac); err != nil {
			return fmt.Errorf("access route %q: %w", ac, err)
		}
	}
	for i, in := range s.Interventions {
		if _, err := tx.Exec(ctx, `INSERT INTO service_interventions (service_id, position, name) VALUES ($1, $2, $3)`, id, i+1, in); err != nil {
			return fmt.Errorf("intervention %q: %w", in, err)
		}
	}
	for _, sa := range s.Areas {
		if _, err := tx.Exec(ctx, `
			INSERT INTO service_areas (service_id, area_id, note)
			VALUES ($1, (SELECT id FROM areas WHERE slug = $2), $3)`, id, sa.Area, sa.Note); err != nil {
			return fmt.Errorf("area %q: %w", sa.Area, err)
		}
	}
	return nil
}

func loadCoverage(ctx context.Context, tx pgx.Tx, cells []directory.CoverageCell, now string) (int, error) {
	n := 0
	for _, c := range cells {
		// A dataset gives at most one cell per pair and date, so a cell already
		// recorded for that date means this one was loaded before.
		ok, err := added(ctx, tx, `
			INSERT INTO coverage_cells (service_type_id, area_id, rating, note, source, effective_from, recorded_at)
			SELECT t.id, a.id, $1, $2, $3, $4, $5
			FROM service_types t, areas a
			WHERE t.slug = $6 AND a.slug = $7 AND NOT EXISTS (
				SELECT 1 FROM coverage_cells c WHERE c.service_type_id = t.id AND c.area_id = a.id AND c.effective_from = $8)`,
			c.Rating, c.Note, c.Source, c.EffectiveFrom, now, c.ServiceType, c.Area, c.EffectiveFrom)
		if err != nil {
			return n, fmt.Errorf("load coverage cell %s in %s: %w", c.ServiceType, c.Area, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

func loadIndicators(ctx context.Context, tx pgx.Tx, indicators []directory.Indicator) (int, int, error) {
	ni, nv := 0, 0
	for i, ind := range indicators {
		ok, err := added(ctx, tx, `
			INSERT INTO indicators (slug, name, definition, period, source, position) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (slug) DO NOTHING`, ind.Slug, ind.Name, ind.Definition, ind.Period, ind.Source, i+1)
		if err != nil {
			return ni, nv, fmt.Errorf("load indicator %q: %w", ind.Slug, err)
		}
		if ok {
			ni++
		}
		for _, v := range ind.Values {
			ok, err := added(ctx, tx, `
				INSERT INTO indicator_values (indicator_id, area_id, value, note)
				VALUES ((SELECT id FROM indicators WHERE slug = $1), (SELECT id FROM areas WHERE slug = $2), $3, $4)
				ON CONFLICT (indicator_id, area_id) DO NOTHING`, ind.Slug, v.Area, v.Value, v.Note)
			if err != nil {
				return ni, nv, fmt.Errorf("load indicator %q in %q: %w", ind.Slug, v.Area, err)
			}
			if ok {
				nv++
			}
		}
	}
	return ni, nv, nil
}

func loadGlossary(ctx context.Context, tx pgx.Tx, terms []directory.GlossaryTerm) (int, error) {
	n := 0
	for _, g := range terms {
		ok, err := added(ctx, tx, `INSERT INTO glossary_terms (term, meaning) VALUES ($1, $2) ON CONFLICT (term) DO NOTHING`, g.Term, g.Meaning)
		if err != nil {
			return n, fmt.Errorf("load glossary term %q: %w", g.Term, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

func loadReferences(ctx context.Context, tx pgx.Tx, refs []directory.Reference) (int, error) {
	n := 0
	for _, r := range refs {
		ok, err := added(ctx, tx, `INSERT INTO "references" (number, title, detail, url) VALUES ($1, $2, $3, $4) ON CONFLICT (number) DO NOTHING`,
			r.Number, r.Title, r.Detail, r.URL)
		if err != nil {
			return n, fmt.Errorf("load reference %d: %w", r.Number, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// reviewDue returns the service's review date: the one set, or six months
// after its last review.
func reviewDue(s directory.Service) string {
	if s.ReviewDue != "" {
		return s.ReviewDue
	}
	return directory.DefaultReviewDue(s.LastReviewed)
}

func loadPlaces(ctx context.Context, tx pgx.Tx, places []directory.Place) (int, error) {
	n := 0
	for _, p := range places {
		ok, err := added(ctx, tx, `
			INSERT INTO places (name, kind, area_id, note, source)
			VALUES ($1, $2, (SELECT id FROM areas WHERE slug = $3), $4, $5)
			ON CONFLICT DO NOTHING`,
			p.Name, p.Kind, p.Area, p.Note, p.Source)
		if err != nil {
			return n, fmt.Errorf("load place %q: %w", p.Name, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// loadTiles adds the tiles of areas that have none yet. A square already taken
// by another area's tile is left as it is, as is any tile already placed.
func loadTiles(ctx context.Context, tx pgx.Tx, tiles []directory.Tile) (int, error) {
	n := 0
	for _, t := range tiles {
		ok, err := added(ctx, tx, `
			INSERT INTO area_tiles (area_id, grid_column, grid_row)
			VALUES ((SELECT id FROM areas WHERE slug = $1), $2, $3)
			ON CONFLICT DO NOTHING`, t.Area, t.Column, t.Row)
		if err != nil {
			return n, fmt.Errorf("load tile of %q: %w", t.Area, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

func loadBaselines(ctx context.Context, tx pgx.Tx, baselines []directory.Baseline) (int, error) {
	n := 0
	for i, b := range baselines {
		ok, err := added(ctx, tx, `INSERT INTO baselines (slug, name, as_of, description, position) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (slug) DO NOTHING`, b.Slug, b.Name, b.AsOf, b.Description, i+1)
		if err != nil {
			return n, fmt.Errorf("load baseline %q: %w", b.Slug, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

func loadRecommendations(ctx context.Context, tx pgx.Tx, recs []directory.Recommendation) (int, error) {
	n := 0
	for i, r := range recs {
		ok, err := added(ctx, tx, `INSERT INTO recommendations (slug, name, summary, source, position) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (slug) DO NOTHING`, r.Slug, r.Name, r.Summary, r.Source, i+1)
		if err != nil {
			return n, fmt.Errorf("load recommendation %q: %w", r.Slug, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// atLocationUUID returns the id under which the open data API publishes the
// place a service is offered: the stable UUID of the kind
// "service-at-location" for the service's slug, which the API derives too.
func atLocationUUID(slug string) string {
	return directory.StableUUID("service-at-location", slug)
}
