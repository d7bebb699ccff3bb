package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// importHeld stores a service whose feed names no area of this directory:
// archived, with no service areas, and a held_services row with the places
// the feed named. A service staff rejected stays rejected while the feed
// says the same of it; when the feed changes it, it is held again. It
// returns ok false for a service the directory already lists and never
// held, which the ordinary import then updates, keeping its areas.
func importHeld(ctx context.Context, tx pgx.Tx, actor directory.Actor, in directory.Service, reason, now string) (directory.ImportOutcome, bool, error) {
	out := directory.ImportOutcome{Entity: directory.EntityService, UUID: in.UUID, Name: in.Name, Action: directory.ImportHeld}
	fingerprint := directory.HeldFingerprint(in)
	feedAreas := strings.Join(in.HeldAreas, "\n")
	in.Status, in.Areas = directory.StatusArchived, nil
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
			return out, true, err
		}
		if err := checkHeld(ctx, tx, in); err != nil {
			return out, true, err
		}
		out.Slug, out.UUID = in.Slug, in.UUID
		created, err := insertService(ctx, tx, actor, in, "import", reason+" (held: no area of this directory matched)", now)
		if err != nil {
			return out, true, err
		}
		_, err = tx.Exec(ctx, `INSERT INTO held_services (service_id, state, feed_areas, fingerprint, held_at) VALUES ($1, 'held', $2, $3, $4)`,
			created.ID, feedAreas, fingerprint, now)
		if err != nil {
			return out, true, fmt.Errorf("hold service: %w", err)
		}
		return out, true, nil
	}
	if err != nil {
		return out, true, fmt.Errorf("find service: %w", err)
	}
	current, err := lockService(ctx, tx, slug)
	if err != nil {
		return out, true, err
	}
	var state, was string
	err = tx.QueryRow(ctx, `SELECT state, fingerprint FROM held_services WHERE service_id = $1`, current.ID).Scan(&state, &was)
	if errors.Is(err, pgx.ErrNoRows) {
		return out, false, nil
	}
	if err != nil {
		return out, true, fmt.Errorf("find held service: %w", err)
	}
	if current.Status == directory.StatusActive {
		// Staff published it by editing it: no longer held.
		if _, err := tx.Exec(ctx, `DELETE FROM held_services WHERE service_id = $1`, current.ID); err != nil {
			return out, true, fmt.Errorf("release held service: %w", err)
		}
		return out, false, nil
	}
	out.Slug, out.UUID = slug, current.UUID
	if state == directory.HeldRejected && was == fingerprint {
		out.Action = directory.ImportUnchanged
		return out, true, nil
	}
	next := directory.MergeImported(current, in)
	next.Status, next.Areas = directory.StatusArchived, nil
	if o := next.Organisation; o != nil && current.Organisation != nil && o.Slug == current.Organisation.Slug {
		next.Organisation = current.Organisation
	}
	if err := checkHeld(ctx, tx, next); err != nil {
		return out, true, err
	}
	out.Changes = directory.Diff(current.Fields(), next.Fields())
	if len(out.Changes) > 0 {
		if _, err := updateService(ctx, tx, actor, current, next, "import", reason+" (held: no area of this directory matched)", now); err != nil {
			return out, true, err
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE held_services SET state = 'held', feed_areas = $1, fingerprint = $2, reason = '' WHERE service_id = $3`,
		feedAreas, fingerprint, current.ID); err != nil {
		return out, true, fmt.Errorf("hold service: %w", err)
	}
	return out, true, nil
}

func checkHeld(ctx context.Context, tx pgx.Tx, s directory.Service) error {
	if errs := s.ValidateHeld(); len(errs) > 0 {
		return errs.Err()
	}
	return checkReferences(ctx, tx, s)
}

// HeldServices lists the services imports hold, waiting for staff, oldest first.
func (db *DB) HeldServices(ctx context.Context) ([]directory.HeldService, error) {
	rows, err := db.pool.Query(ctx, `SELECT s.slug, h.state, h.feed_areas, h.reason, h.held_at
		FROM held_services h JOIN services s ON s.id = h.service_id
		WHERE h.state = 'held' AND s.status = 'archived' ORDER BY h.held_at, s.id`)
	if err != nil {
		return nil, fmt.Errorf("list held services: %w", err)
	}
	var out []directory.HeldService
	for rows.Next() {
		var h directory.HeldService
		var areas string
		if err := rows.Scan(&h.Service.Slug, &h.State, &areas, &h.Reason, &h.HeldAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list held services: %w", err)
		}
		if areas != "" {
			h.FeedAreas = strings.Split(areas, "\n")
		}
		out = append(out, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list held services: %w", err)
	}
	for i := range out {
		if out[i].Service, err = db.Service(ctx, out[i].Service.Slug); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// heldInTx finds a held service by slug, checking the version staff saw.
func heldInTx(ctx context.Context, tx pgx.Tx, slug string, version int) (directory.Service, error) {
	current, err := lockService(ctx, tx, slug)
	if err != nil {
		return current, err
	}
	var state string
	err = tx.QueryRow(ctx, `SELECT state FROM held_services WHERE service_id = $1`, current.ID).Scan(&state)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && state != directory.HeldWaiting) {
		return current, directory.Errorf(directory.ENOTFOUND, "The service %q is not held.", slug)
	}
	if err != nil {
		return current, fmt.Errorf("find held service: %w", err)
	}
	if current.Version != version {
		return current, &directory.ConflictError{Current: current}
	}
	return current, nil
}

// ApproveHeld gives a held service the areas staff chose and publishes it,
// audited as an edit.
func (db *DB) ApproveHeld(ctx context.Context, actor directory.Actor, slug string, version int, areas []string) (directory.Service, error) {
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return directory.Service{}, err
	}
	defer tx.Rollback(ctx)
	current, err := heldInTx(ctx, tx, slug, version)
	if err != nil {
		return current, err
	}
	next := current
	next.Status, next.Areas = directory.StatusActive, nil
	for _, a := range areas {
		if _, dup := next.ServesArea(a); !dup && a != "" {
			next.Areas = append(next.Areas, directory.ServiceArea{Area: a})
		}
	}
	if errs := next.Validate(); len(errs) > 0 {
		return next, errs.Err()
	}
	if err := checkReferences(ctx, tx, next); err != nil {
		return next, err
	}
	saved, err := updateService(ctx, tx, actor, current, next, "approve", "Approved a held import", db.now())
	if err != nil {
		return next, err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM held_services WHERE service_id = $1`, current.ID); err != nil {
		return next, fmt.Errorf("approve held service: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return next, fmt.Errorf("commit approval: %w", err)
	}
	return saved, nil
}

// RejectHeld keeps a held service off the directory, with staff's reason. It
// stays rejected until a feed changes what it says of it.
func (db *DB) RejectHeld(ctx context.Context, actor directory.Actor, slug string, version int, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return &directory.ValidationError{Fields: directory.FieldErrors{{Field: "reason", Message: "Enter why it is rejected"}}}
	}
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	current, err := heldInTx(ctx, tx, slug, version)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE held_services SET state = 'rejected', reason = $1 WHERE service_id = $2`, reason, current.ID); err != nil {
		return fmt.Errorf("reject held service: %w", err)
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityService, key: slug, action: "reject",
		reason: "Rejected a held import: " + reason, before: current, after: current, timestamp: db.now()}); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit rejection: %w", err)
	}
	return nil
}

// IsHeld reports whether an import holds the service, waiting or rejected,
// while it stays archived.
func (db *DB) IsHeld(ctx context.Context, serviceID int64) (bool, error) {
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM held_services h JOIN services s ON s.id = h.service_id
		WHERE h.service_id = $1 AND s.status = 'archived'`, serviceID).Scan(&n); err != nil {
		return false, fmt.Errorf("find held service: %w", err)
	}
	return n > 0, nil
}
