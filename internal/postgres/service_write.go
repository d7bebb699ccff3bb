package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/wessex-network/directory/internal/directory"
)

// CreateService adds a service that staff entered, with its lists, and audits it.
func (db *DB) CreateService(ctx context.Context, actor directory.Actor, s directory.Service, reason string) (directory.Service, error) {
	if errs := s.Validate(); len(errs) > 0 {
		return s, errs.Err()
	}
	slugTaken := func() error {
		var errs directory.FieldErrors
		errs.Add("slug", "Another service already uses this web address name")
		return errs.Err()
	}
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return s, err
	}
	defer tx.Rollback(ctx)
	var taken bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM services WHERE slug = $1)`, s.Slug).Scan(&taken); err != nil {
		return s, fmt.Errorf("check slug: %w", err)
	}
	if taken {
		return s, slugTaken()
	}
	if err := checkReferences(ctx, tx, s); err != nil {
		return s, err
	}
	created, err := insertService(ctx, tx, actor, s, "create", reason, db.now())
	// Another writer that does not queue for the content version may have
	// taken the slug (or the UUIDs made from it) since it was checked.
	if uniqueViolation(err) {
		return s, slugTaken()
	}
	if err != nil {
		return s, err
	}
	if err := tx.Commit(ctx); err != nil {
		if uniqueViolation(err) {
			return s, slugTaken()
		}
		return s, fmt.Errorf("commit new service: %w", err)
	}
	return created, nil
}

// uniqueViolation reports whether err is PostgreSQL refusing a row that a
// unique constraint or index already holds.
func uniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

// insertService writes a new service and its lists inside tx, and audits it.
// The service keeps a UUID it brings, such as a feed's id, and otherwise gets
// the stable one for its slug.
func insertService(ctx context.Context, tx pgx.Tx, actor directory.Actor, s directory.Service, action, reason, now string) (directory.Service, error) {
	if s.Status == "" {
		s.Status = directory.StatusActive
	}
	uuid := s.UUID
	if uuid == "" {
		uuid = directory.StableUUID("service", s.Slug)
	}
	listing, life := directory.StoredStatus(s.Status)
	var id int64
	if err := tx.QueryRow(ctx, `
		INSERT INTO services (uuid, at_location_uuid, slug, name, service_type_id, organisation_id, summary, description,
			eligibility, how_to_access, phone, email, website, address, opening_hours, status, life,
			opens_on, closed_message, reopens_on, ended_on,
			last_reviewed, review_due, source, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, (SELECT id FROM service_types WHERE slug = $5), (SELECT id FROM organisations WHERE slug = $6),
			$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, 1, $25, $25)
		RETURNING id`,
		uuid, atLocationUUID(s.Slug), s.Slug, s.Name, s.ServiceType, orgSlug(s), s.Summary, s.Description,
		s.Eligibility, s.HowToAccess, s.Contact.Phone, s.Contact.Email, s.Contact.Website, s.Contact.Address,
		s.Contact.OpeningHours, listing, life, s.OpensOn, s.ClosedMessage, s.ReopensOn, s.EndedOn,
		s.LastReviewed, reviewDue(s), s.Source, now).Scan(&id); err != nil {
		return s, fmt.Errorf("create service: %w", err)
	}
	if err := writeServiceLists(ctx, tx, id, s); err != nil {
		return s, fmt.Errorf("create service %q: %w", s.Slug, err)
	}
	created, err := serviceInTx(ctx, tx, s.Slug)
	if err != nil {
		return s, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityService, key: s.Slug, action: action,
		reason: reason, after: created, timestamp: now}); err != nil {
		return s, err
	}
	return created, nil
}

// writeServiceLists writes the stages, audiences, access routes,
// interventions and areas of the service with the given id, one statement
// for each list. The interventions in
// particular go in one statement, since the trigger that keeps the service's
// search document rewrites the service once for each statement (migration
// 00011). An area that does not exist leaves its area_id NULL, which the
// table refuses, as on SQLite.
func writeServiceLists(ctx context.Context, tx pgx.Tx, id int64, s directory.Service) error {
	lists := []struct {
		what, query string
		values      []string
	}{
		{"stages", `INSERT INTO service_stages (service_id, stage) SELECT $1, v FROM unnest($2::text[]) v`, strs(s.Stages)},
		{"audiences", `INSERT INTO service_audiences (service_id, audience) SELECT $1, v FROM unnest($2::text[]) v`, strs(s.Audiences)},
		{"access routes", `INSERT INTO service_access (service_id, route) SELECT $1, v FROM unnest($2::text[]) v`, strs(s.Access)},
		{"interventions", `INSERT INTO service_interventions (service_id, position, name)
			SELECT $1, u.position, u.name FROM unnest($2::text[]) WITH ORDINALITY AS u(name, position)`, s.Interventions},
	}
	for _, l := range lists {
		if len(l.values) == 0 {
			continue
		}
		if _, err := tx.Exec(ctx, l.query, id, l.values); err != nil {
			return fmt.Errorf("%s %q: %w", l.what, l.values, err)
		}
	}
	if len(s.Areas) == 0 {
		return nil
	}
	areas := make([]string, len(s.Areas))
	notes := make([]string, len(s.Areas))
	for i, sa := range s.Areas {
		areas[i], notes[i] = sa.Area, sa.Note
	}
	if _, err := tx.Exec(ctx, `INSERT INTO service_areas (service_id, area_id, note)
		SELECT $1, (SELECT a.id FROM areas a WHERE a.slug = u.slug), u.note
		FROM unnest($2::text[], $3::text[]) AS u(slug, note)`, id, areas, notes); err != nil {
		return fmt.Errorf("areas %q: %w", areas, err)
	}
	return nil
}

// UpdateService saves staff's edit of a service. s.Version must be the
// version the edit started from; if the stored one has moved on, the edit is
// refused with a ConflictError that carries the stored service.
func (db *DB) UpdateService(ctx context.Context, actor directory.Actor, s directory.Service, reason string) (directory.Service, error) {
	return db.changeService(ctx, actor, s.Slug, s.Version, "update", reason, func(current directory.Service) (directory.Service, error) {
		s.ID, s.UUID, s.CreatedAt = current.ID, current.UUID, current.CreatedAt
		if s.Status == "" {
			// An edit of the service's fields keeps its status, with its
			// dates and message.
			s.Status, s.OpensOn, s.ClosedMessage, s.ReopensOn, s.EndedOn = current.Status, current.OpensOn, current.ClosedMessage, current.ReopensOn, current.EndedOn
		}
		return s, nil
	})
}

// SetServiceStatus gives a service the status a change sets, with that
// status's dates and message, after checking them against today. A service
// made active or temporarily closed must pass an edit's checks, areas
// included. Nothing is deleted.
func (db *DB) SetServiceStatus(ctx context.Context, actor directory.Actor, slug string, c directory.StatusChange) (directory.Service, error) {
	c = c.Tidy()
	today := db.Today()
	if errs := c.Validate(today); len(errs) > 0 {
		return directory.Service{}, errs.Err()
	}
	return db.changeService(ctx, actor, slug, c.Version, directory.StatusAction(c.Status), c.Reason, func(current directory.Service) (directory.Service, error) {
		return c.Apply(current, today), nil
	})
}

// OpenDueServices makes active, as the system, every scheduled service whose
// date to open has come and every temporarily closed one whose date to
// reopen has, and returns them. One that someone is editing at that moment
// is left for the next run.
func (db *DB) OpenDueServices(ctx context.Context) ([]directory.Service, error) {
	today := db.Today()
	due, err := db.dueToOpen(ctx, today)
	if err != nil {
		return nil, err
	}
	var opened []directory.Service
	for _, d := range due {
		reason := "Opened on its date, " + today
		if d.life == directory.StatusTemporarilyClosed {
			reason = "Reopened on its date, " + today
		}
		s, err := db.changeService(ctx, directory.Actor{Name: "system"}, d.slug, d.version, "open", reason, func(current directory.Service) (directory.Service, error) {
			if !current.DueToOpen(today) {
				return current, directory.Errorf(directory.ECONFLICT, "%s is no longer due to open.", current.Name)
			}
			return directory.StatusChange{Status: directory.StatusActive}.Apply(current, today), nil
		})
		var conflict *directory.ConflictError
		switch {
		case errors.As(err, &conflict) || directory.ErrorCode(err) == directory.ECONFLICT:
			continue
		case err != nil:
			return opened, fmt.Errorf("open %q: %w", d.slug, err)
		}
		opened = append(opened, s)
	}
	return opened, nil
}

// dueService names a service due to open, with the version to change.
type dueService struct {
	slug, life string
	version    int
}

// MarkReviewed records that staff checked a service and found it still
// correct: reviewed today, due again in six months.
func (db *DB) MarkReviewed(ctx context.Context, actor directory.Actor, slug string, version int) (directory.Service, error) {
	today := db.Today()
	return db.changeService(ctx, actor, slug, version, "review", "Reviewed: still correct", func(current directory.Service) (directory.Service, error) {
		current.LastReviewed = today
		current.ReviewDue = directory.DefaultReviewDue(today)
		return current, nil
	})
}

// RestoreService makes an earlier version of a service the current one. The
// version is the one an audit record saved: after its change, or, with
// before set, before it (the only way back to the version first loaded). The
// restore is itself audited.
func (db *DB) RestoreService(ctx context.Context, actor directory.Actor, slug string, version int, auditID int64, before bool) (directory.Service, error) {
	var old directory.Service
	reason, err := db.savedVersion(ctx, directory.EntityService, slug, "service", auditID, before, &old)
	if err != nil {
		return directory.Service{}, err
	}
	return db.changeService(ctx, actor, slug, version, "restore", reason, func(current directory.Service) (directory.Service, error) {
		old.ID, old.UUID, old.Slug, old.CreatedAt = current.ID, current.UUID, current.Slug, current.CreatedAt
		return old, nil
	})
}

// changeService is the one way a stored service changes: in one transaction
// it locks the stored service (SELECT … FOR UPDATE), checks the version,
// applies edit to it, validates, writes the service and its lists with the
// next version, and audits the change with the service before and after.
// Of several saves from one version, on however many servers, the first to
// take the lock lands; the others, reading the service again once it is
// theirs, find the next version and are refused with a ConflictError.
func (db *DB) changeService(ctx context.Context, actor directory.Actor, slug string, version int, action, reason string,
	edit func(current directory.Service) (directory.Service, error)) (directory.Service, error) {
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return directory.Service{}, err
	}
	defer tx.Rollback(ctx)
	current, err := lockService(ctx, tx, slug)
	if err != nil {
		return current, err
	}
	if current.Version != version {
		return current, &directory.ConflictError{Current: current}
	}
	next, err := edit(current)
	if err != nil {
		return current, err
	}
	next.Slug = current.Slug
	if errs := next.Validate(); len(errs) > 0 {
		return next, errs.Err()
	}
	if err := checkReferences(ctx, tx, next); err != nil {
		return next, err
	}
	saved, err := updateService(ctx, tx, actor, current, next, action, reason, db.now())
	if err != nil {
		return next, err
	}
	if err := tx.Commit(ctx); err != nil {
		return next, fmt.Errorf("commit service change: %w", err)
	}
	return saved, nil
}

// updateService writes next over current inside tx, with the next version,
// and audits the change with the service before and after. The write names
// current's version, so that should another transaction have saved the
// service since current was read, nothing is written and the change is
// refused with a ConflictError carrying the service as now stored.
func updateService(ctx context.Context, tx pgx.Tx, actor directory.Actor, current, next directory.Service, action, reason, now string) (directory.Service, error) {
	slug := current.Slug
	listing, life := directory.StoredStatus(next.Status)
	tag, err := tx.Exec(ctx, `
		UPDATE services SET name = $1, service_type_id = (SELECT id FROM service_types WHERE slug = $2),
			organisation_id = (SELECT id FROM organisations WHERE slug = $3), summary = $4, description = $5,
			eligibility = $6, how_to_access = $7, phone = $8, email = $9, website = $10, address = $11, opening_hours = $12,
			status = $13, life = $14, opens_on = $15, closed_message = $16, reopens_on = $17, ended_on = $18,
			last_reviewed = $19, review_due = $20, source = $21, version = version + 1, updated_at = $22
		WHERE id = $23 AND version = $24`,
		next.Name, next.ServiceType, orgSlug(next), next.Summary, next.Description, next.Eligibility, next.HowToAccess,
		next.Contact.Phone, next.Contact.Email, next.Contact.Website, next.Contact.Address, next.Contact.OpeningHours,
		listing, life, next.OpensOn, next.ClosedMessage, next.ReopensOn, next.EndedOn,
		next.LastReviewed, reviewDue(next), next.Source, now, current.ID, current.Version)
	if err != nil {
		return next, fmt.Errorf("update service %q: %w", slug, err)
	}
	if tag.RowsAffected() != 1 {
		stored, err := serviceInTx(ctx, tx, slug)
		if err != nil {
			return next, err
		}
		return stored, &directory.ConflictError{Current: stored}
	}
	if _, err := tx.Exec(ctx, `WITH
			stages AS (DELETE FROM service_stages WHERE service_id = $1),
			audiences AS (DELETE FROM service_audiences WHERE service_id = $1),
			access AS (DELETE FROM service_access WHERE service_id = $1),
			interventions AS (DELETE FROM service_interventions WHERE service_id = $1)
		DELETE FROM service_areas WHERE service_id = $1`, current.ID); err != nil {
		return next, fmt.Errorf("clear the lists of service %q: %w", slug, err)
	}
	if err := writeServiceLists(ctx, tx, current.ID, next); err != nil {
		return next, fmt.Errorf("update service %q: %w", slug, err)
	}
	saved, err := serviceInTx(ctx, tx, slug)
	if err != nil {
		return next, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityService, key: slug, action: action,
		reason: reason, before: current, after: saved, timestamp: now}); err != nil {
		return next, err
	}
	return saved, nil
}

// checkReferences makes sure the service type, organisation and areas a
// service names exist, so a bad form value gives a message, not a failure.
// One query asks after all three.
func checkReferences(ctx context.Context, tx pgx.Tx, s directory.Service) error {
	areas := make([]string, len(s.Areas))
	for i, a := range s.Areas {
		areas[i] = a.Area
	}
	var typeOK, orgOK, areasOK bool
	if err := tx.QueryRow(ctx, `SELECT
			$1 = '' OR EXISTS (SELECT 1 FROM service_types WHERE slug = $1),
			$2 = '' OR EXISTS (SELECT 1 FROM organisations WHERE slug = $2),
			NOT EXISTS (SELECT 1 FROM unnest($3::text[]) u(slug) WHERE NOT EXISTS (SELECT 1 FROM areas a WHERE a.slug = u.slug))`,
		s.ServiceType, orgSlug(s), areas).Scan(&typeOK, &orgOK, &areasOK); err != nil {
		return fmt.Errorf("check the service's references: %w", err)
	}
	var errs directory.FieldErrors
	if !typeOK {
		errs.Add("service_type", "Choose a service type from the list")
	}
	if !orgOK {
		errs.Add("organisation", "Choose an organisation from the list")
	}
	if !areasOK {
		errs.Add("areas", "Choose areas from the list")
	}
	return errs.Err()
}

func orgSlug(s directory.Service) string {
	if s.Organisation == nil {
		return ""
	}
	return s.Organisation.Slug
}

// serviceInTx reads a whole service inside a write transaction.
func serviceInTx(ctx context.Context, tx pgx.Tx, slug string) (directory.Service, error) {
	return serviceBy(ctx, tx, `s.slug = $1`, slug, func() error {
		return directory.Errorf(directory.ENOTFOUND, "There is no service %q.", slug)
	})
}

// lockService reads a whole service inside a write transaction and locks its
// row until the transaction ends, so that no other transaction changes it
// meanwhile. A transaction that had to wait for the lock reads the service
// as the one that held it left it.
func lockService(ctx context.Context, tx pgx.Tx, slug string) (directory.Service, error) {
	return serviceBy(ctx, tx, `s.slug = $1 FOR UPDATE OF s`, slug, func() error {
		return directory.Errorf(directory.ENOTFOUND, "There is no service %q.", slug)
	})
}

// ServicesDueForReview returns the active services that have never been
// reviewed or whose review date has come, the most overdue first.
func (db *DB) ServicesDueForReview(ctx context.Context, today string) ([]directory.Service, error) {
	all, err := db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		return nil, err
	}
	var due []directory.Service
	for _, s := range all {
		if s.DueForReview(today) {
			due = append(due, s)
		}
	}
	sortByReviewDue(due)
	return due, nil
}

// dueToOpen lists the services whose date to open or reopen has come.
func (db *DB) dueToOpen(ctx context.Context, today string) ([]dueService, error) {
	rows, err := db.pool.Query(ctx, `SELECT slug, life, version FROM services
		WHERE (life = 'scheduled' AND opens_on <> '' AND opens_on <= $1)
		   OR (life = 'temporarily_closed' AND reopens_on <> '' AND reopens_on <= $1)
		ORDER BY id`, today)
	if err != nil {
		return nil, fmt.Errorf("find services due to open: %w", err)
	}
	defer rows.Close()
	var out []dueService
	for rows.Next() {
		var d dueService
		if err := rows.Scan(&d.slug, &d.life, &d.version); err != nil {
			return nil, fmt.Errorf("scan service due to open: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find services due to open: %w", err)
	}
	return out, nil
}
