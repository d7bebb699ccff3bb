package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

// CreateService adds a service that staff entered, with its lists, and audits it.
func (db *DB) CreateService(ctx context.Context, actor directory.Actor, s directory.Service, reason string) (directory.Service, error) {
	if errs := s.Validate(); len(errs) > 0 {
		return s, errs.Err()
	}
	tx, err := db.writeTx(ctx)
	if err != nil {
		return s, err
	}
	defer tx.Rollback()
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM services WHERE slug = ?`, s.Slug).Scan(&taken); err != nil {
		return s, fmt.Errorf("check slug: %w", err)
	}
	if taken > 0 {
		var errs directory.FieldErrors
		errs.Add("slug", "Another service already uses this web address name")
		return s, errs.Err()
	}
	if err := checkReferences(ctx, tx, s); err != nil {
		return s, err
	}
	created, err := insertService(ctx, tx, actor, s, "create", reason, db.now())
	if err != nil {
		return s, err
	}
	if err := tx.Commit(); err != nil {
		return s, fmt.Errorf("commit new service: %w", err)
	}
	return created, nil
}

// insertService writes a new service and its lists inside tx, and audits it.
// The service keeps a UUID it brings, such as a feed's id, and otherwise gets
// the stable one for its slug.
func insertService(ctx context.Context, tx *sql.Tx, actor directory.Actor, s directory.Service, action, reason, now string) (directory.Service, error) {
	if s.Status == "" {
		s.Status = directory.StatusActive
	}
	id := s.UUID
	if id == "" {
		id = directory.StableUUID("service", s.Slug)
	}
	listing, life := directory.StoredStatus(s.Status)
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO services (uuid, at_location_uuid, slug, name, service_type_id, organisation_id, summary, description,
			eligibility, how_to_access, phone, email, website, address, opening_hours, status, life,
			opens_on, closed_message, reopens_on, ended_on,
			last_reviewed, review_due, source, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, (SELECT id FROM service_types WHERE slug = ?), (SELECT id FROM organisations WHERE slug = ?),
			?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		id, atLocationUUID(s.Slug), s.Slug, s.Name, s.ServiceType, orgSlug(s), s.Summary, s.Description,
		s.Eligibility, s.HowToAccess, s.Contact.Phone, s.Contact.Email, s.Contact.Website, s.Contact.Address,
		s.Contact.OpeningHours, listing, life, s.OpensOn, s.ClosedMessage, s.ReopensOn, s.EndedOn,
		s.LastReviewed, reviewDue(s), s.Source, now, now); err != nil {
		return s, fmt.Errorf("create service: %w", err)
	}
	if err := insertServiceLists(ctx, tx, s); err != nil {
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
// it checks the version, applies edit to the stored service, validates,
// writes the service and its lists with the next version, and audits the
// change with the service before and after.
func (db *DB) changeService(ctx context.Context, actor directory.Actor, slug string, version int, action, reason string,
	edit func(current directory.Service) (directory.Service, error)) (directory.Service, error) {
	tx, err := db.writeTx(ctx)
	if err != nil {
		return directory.Service{}, err
	}
	defer tx.Rollback()
	current, err := serviceInTx(ctx, tx, slug)
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
	if err := tx.Commit(); err != nil {
		return next, fmt.Errorf("commit service change: %w", err)
	}
	return saved, nil
}

// updateService writes next over current inside tx, with the next version,
// and audits the change with the service before and after.
func updateService(ctx context.Context, tx *sql.Tx, actor directory.Actor, current, next directory.Service, action, reason, now string) (directory.Service, error) {
	slug := current.Slug
	listing, life := directory.StoredStatus(next.Status)
	if _, err := tx.ExecContext(ctx, `
		UPDATE services SET name = ?, service_type_id = (SELECT id FROM service_types WHERE slug = ?),
			organisation_id = (SELECT id FROM organisations WHERE slug = ?), summary = ?, description = ?,
			eligibility = ?, how_to_access = ?, phone = ?, email = ?, website = ?, address = ?, opening_hours = ?,
			status = ?, life = ?, opens_on = ?, closed_message = ?, reopens_on = ?, ended_on = ?,
			last_reviewed = ?, review_due = ?, source = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`,
		next.Name, next.ServiceType, orgSlug(next), next.Summary, next.Description, next.Eligibility, next.HowToAccess,
		next.Contact.Phone, next.Contact.Email, next.Contact.Website, next.Contact.Address, next.Contact.OpeningHours,
		listing, life, next.OpensOn, next.ClosedMessage, next.ReopensOn, next.EndedOn,
		next.LastReviewed, reviewDue(next), next.Source, now, current.ID, current.Version); err != nil {
		return next, fmt.Errorf("update service %q: %w", slug, err)
	}
	for _, table := range []string{"service_stages", "service_audiences", "service_access", "service_interventions", "service_areas"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE service_id = ?`, current.ID); err != nil {
			return next, fmt.Errorf("clear %s: %w", table, err)
		}
	}
	if err := insertServiceLists(ctx, tx, next); err != nil {
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
func checkReferences(ctx context.Context, tx *sql.Tx, s directory.Service) error {
	var errs directory.FieldErrors
	exists := func(query, arg string) bool {
		var n int
		return tx.QueryRowContext(ctx, query, arg).Scan(&n) == nil && n > 0
	}
	if s.ServiceType != "" && !exists(`SELECT count(*) FROM service_types WHERE slug = ?`, s.ServiceType) {
		errs.Add("service_type", "Choose a service type from the list")
	}
	if o := orgSlug(s); o != "" && !exists(`SELECT count(*) FROM organisations WHERE slug = ?`, o) {
		errs.Add("organisation", "Choose an organisation from the list")
	}
	for _, a := range s.Areas {
		if !exists(`SELECT count(*) FROM areas WHERE slug = ?`, a.Area) {
			errs.Add("areas", "Choose areas from the list")
			break
		}
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
func serviceInTx(ctx context.Context, tx *sql.Tx, slug string) (directory.Service, error) {
	s, err := scanService(tx.QueryRowContext(ctx, `SELECT `+serviceColumns+serviceFrom+` WHERE s.slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return s, directory.Errorf(directory.ENOTFOUND, "There is no service %q.", slug)
	}
	if err != nil {
		return s, fmt.Errorf("find service %q: %w", slug, err)
	}
	list := []directory.Service{s}
	if err := attachLists(ctx, tx, list); err != nil {
		return s, err
	}
	return list[0], nil
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
	rows, err := db.read.QueryContext(ctx, `SELECT slug, life, version FROM services
		WHERE (life = 'scheduled' AND opens_on <> '' AND opens_on <= ?)
		   OR (life = 'temporarily_closed' AND reopens_on <> '' AND reopens_on <= ?)
		ORDER BY id`, today, today)
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
	return out, rows.Err()
}
