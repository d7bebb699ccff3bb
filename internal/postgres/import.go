package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// Import adds or updates every record of a batch in one transaction, matching
// records by UUID (or, for a record without one, by slug), and audits each
// change as the actor with the action "import". A record the batch leaves as
// it is gets no write and no audit record. Any refused record refuses the
// whole batch: the error is a ValidationError whose fields name each refused
// record and field.
//
// The transaction queues for the content version before anything else (see
// beginContentWrite), so imports and staff edits on any number of servers
// take their turns, as SQLite's one writer does: a slug found free stays
// free until the import commits, and a service is changed from the version
// the import read.
//
// With dryRun the same work is done and then rolled back, so the outcomes say
// exactly what a real import would do while nothing is written.
func (db *DB) Import(ctx context.Context, actor directory.Actor, batch directory.ImportBatch, dryRun bool) ([]directory.ImportOutcome, error) {
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	now := db.now()
	reason := "Imported from " + batch.Source
	var outcomes []directory.ImportOutcome
	var refused directory.FieldErrors
	for _, o := range batch.Organisations {
		out, err := importOrganisation(ctx, tx, actor, o, reason, now)
		if err := refuse(&refused, "organisation", o.Name, err); err != nil {
			return nil, err
		}
		outcomes = append(outcomes, out)
	}
	for _, s := range batch.Services {
		out, err := importService(ctx, tx, actor, s, reason, now)
		name := s.Name
		if name == "" {
			name = s.Slug
		}
		if err := refuse(&refused, "service", name, err); err != nil {
			return nil, err
		}
		outcomes = append(outcomes, out)
	}
	if len(refused) > 0 {
		return nil, refused.Err()
	}
	if dryRun {
		return outcomes, nil
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("commit import: %w", err)
	}
	return outcomes, nil
}

// refuse records why a record was refused, by record and field, so that one
// import reports every bad record; any other failure ends the import.
func refuse(refused *directory.FieldErrors, kind, name string, err error) error {
	if err == nil {
		return nil
	}
	label := fmt.Sprintf("%s %q", kind, name)
	var v *directory.ValidationError
	switch {
	case errors.As(err, &v):
		for _, fe := range v.Fields {
			refused.Add(label+", "+fe.Field, fe.Message)
		}
	case directory.ErrorCode(err) == directory.EINVALID:
		refused.Add(label, directory.ErrorMessage(err))
	default:
		return fmt.Errorf("import %s: %w", label, err)
	}
	return nil
}

// freeSlug returns slug, or slug with the start of the UUID added when
// another record already has it. table is one of the two named here, never
// taken from input.
func freeSlug(ctx context.Context, tx pgx.Tx, table, slug, uuid string) (string, error) {
	query := `SELECT EXISTS (SELECT 1 FROM services WHERE slug = $1)`
	if table == "organisations" {
		query = `SELECT EXISTS (SELECT 1 FROM organisations WHERE slug = $1)`
	}
	for _, candidate := range []string{slug, slug + "-" + strings.SplitN(uuid, "-", 2)[0], slug + "-" + strings.ReplaceAll(uuid, "-", "")} {
		var taken bool
		if err := tx.QueryRow(ctx, query, candidate).Scan(&taken); err != nil {
			return "", fmt.Errorf("check slug: %w", err)
		}
		if !taken {
			return candidate, nil
		}
	}
	return "", directory.Errorf(directory.EINVALID, "No free web address name for %q.", slug)
}

func importOrganisation(ctx context.Context, tx pgx.Tx, actor directory.Actor, o directory.Organisation, reason, now string) (directory.ImportOutcome, error) {
	out := directory.ImportOutcome{Entity: directory.EntityOrganisation, UUID: o.UUID, Name: o.Name}
	if strings.TrimSpace(o.Name) == "" || !directory.ValidSlug(o.Slug) {
		return out, directory.Errorf(directory.EINVALID, "An organisation needs a name.")
	}
	current, err := scanOrganisation(tx.QueryRow(ctx, `SELECT `+organisationColumns+` FROM organisations WHERE uuid = $1 FOR UPDATE`, o.UUID))
	if errors.Is(err, pgx.ErrNoRows) {
		slug, err := freeSlug(ctx, tx, "organisations", o.Slug, o.UUID)
		if err != nil {
			return out, err
		}
		o.Slug, out.Slug, out.Action = slug, slug, directory.ImportAdd
		if _, err := tx.Exec(ctx, `INSERT INTO organisations (uuid, slug, name, kind, description, website, source)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, o.UUID, o.Slug, o.Name, o.Kind, o.Description, o.Website, o.Source); err != nil {
			return out, fmt.Errorf("add organisation: %w", err)
		}
		return out, record(ctx, tx, change{actor: actor, entity: directory.EntityOrganisation, key: o.Slug, action: "import",
			reason: reason, after: o, timestamp: now})
	}
	if err != nil {
		return out, fmt.Errorf("find organisation: %w", err)
	}
	next := current
	for _, f := range []struct {
		dst *string
		v   string
	}{{&next.Name, o.Name}, {&next.Kind, o.Kind},
		{&next.Description, o.Description}, {&next.Website, o.Website}} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	out.Slug, out.Changes = current.Slug, directory.Diff(current.Fields(), next.Fields())
	if len(out.Changes) == 0 {
		out.Action = directory.ImportUnchanged
		return out, nil
	}
	out.Action = directory.ImportChange
	if _, err := tx.Exec(ctx, `UPDATE organisations SET name = $1, kind = $2, description = $3, website = $4, source = $5 WHERE id = $6`,
		next.Name, next.Kind, next.Description, next.Website, next.Source, current.ID); err != nil {
		return out, fmt.Errorf("update organisation: %w", err)
	}
	return out, record(ctx, tx, change{actor: actor, entity: directory.EntityOrganisation, key: current.Slug, action: "import",
		reason: reason, before: current, after: next, timestamp: now})
}

func importService(ctx context.Context, tx pgx.Tx, actor directory.Actor, in directory.Service, reason, now string) (directory.ImportOutcome, error) {
	out := directory.ImportOutcome{Entity: directory.EntityService, UUID: in.UUID, Name: in.Name}
	if !directory.ValidSlug(in.Slug) {
		return out, directory.Errorf(directory.EINVALID, "It needs a name with letters or numbers in it.")
	}
	if in.Organisation != nil && in.Organisation.Slug == "" {
		err := tx.QueryRow(ctx, `SELECT slug FROM organisations WHERE uuid = $1`, in.Organisation.UUID).Scan(&in.Organisation.Slug)
		if errors.Is(err, pgx.ErrNoRows) {
			return out, directory.Errorf(directory.EINVALID, "Its organisation %s is neither in the import nor in the directory.", in.Organisation.UUID)
		}
		if err != nil {
			return out, fmt.Errorf("find organisation: %w", err)
		}
	}
	if in.HeldAreas != nil {
		if held, ok, err := importHeld(ctx, tx, actor, in, reason, now); ok || err != nil {
			return held, err
		}
		in.HeldAreas = nil
	}
	var slug string
	match, key := `SELECT slug FROM services WHERE uuid = $1`, in.UUID
	if in.UUID == "" {
		match, key = `SELECT slug FROM services WHERE slug = $1`, in.Slug
	}
	err := tx.QueryRow(ctx, match, key).Scan(&slug)
	if errors.Is(err, pgx.ErrNoRows) {
		if in.UUID == "" {
			in.UUID = directory.StableUUID("service", in.Slug)
		}
		if in.Slug, err = freeSlug(ctx, tx, "services", in.Slug, in.UUID); err != nil {
			return out, err
		}
		if err := checkImported(ctx, tx, in); err != nil {
			return out, err
		}
		out.Slug, out.UUID, out.Action = in.Slug, in.UUID, directory.ImportAdd
		_, err := insertService(ctx, tx, actor, in, "import", reason, now)
		return out, err
	}
	if err != nil {
		return out, fmt.Errorf("find service: %w", err)
	}
	current, err := lockService(ctx, tx, slug)
	if err != nil {
		return out, err
	}
	next := directory.MergeImported(current, in)
	if err := checkImported(ctx, tx, next); err != nil {
		return out, err
	}
	out.Slug, out.UUID = slug, current.UUID
	// Write inside a savepoint, then compare what was stored: a batch that
	// changes nothing is rolled back to it, leaving no new version or audit
	// record (and, if nothing else changed, the content version as it was).
	sp, err := tx.Begin(ctx)
	if err != nil {
		return out, fmt.Errorf("savepoint: %w", err)
	}
	saved, err := updateService(ctx, sp, actor, current, next, "import", reason, now)
	if err != nil {
		return out, err
	}
	out.Changes = directory.Diff(current.Fields(), saved.Fields())
	if len(out.Changes) == 0 {
		out.Action = directory.ImportUnchanged
		if err := sp.Rollback(ctx); err != nil {
			return out, fmt.Errorf("roll back unchanged service: %w", err)
		}
		return out, nil
	}
	out.Action = directory.ImportChange
	if err := sp.Commit(ctx); err != nil {
		return out, fmt.Errorf("release savepoint: %w", err)
	}
	return out, nil
}

// checkImported applies the rules staff edits meet.
func checkImported(ctx context.Context, tx pgx.Tx, s directory.Service) error {
	if errs := s.Validate(); len(errs) > 0 {
		return errs.Err()
	}
	return checkReferences(ctx, tx, s)
}
