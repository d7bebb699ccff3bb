package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

const suggestionColumns = `g.id, coalesce(g.service_id, 0), coalesce(sv.slug, ''), coalesce(sv.name, g.service_name),
	g.where_it_runs, g.topic, g.details, g.email, g.status, g.created_at, g.closed_at, g.closed_note, g.closed_by`

const suggestionFrom = ` FROM suggestions g LEFT JOIN services sv ON sv.id = g.service_id`

func scanSuggestion(row interface{ Scan(...any) error }) (directory.Suggestion, error) {
	var s directory.Suggestion
	err := row.Scan(&s.ID, &s.ServiceID, &s.ServiceSlug, &s.ServiceName, &s.WhereItRuns, &s.Topic, &s.Details,
		&s.Email, &s.Status, &s.CreatedAt, &s.ClosedAt, &s.ClosedNote, &s.ClosedBy)
	return s, err
}

func suggestionInTx(ctx context.Context, tx *sql.Tx, id int64) (directory.Suggestion, error) {
	s, err := scanSuggestion(tx.QueryRowContext(ctx, `SELECT `+suggestionColumns+suggestionFrom+` WHERE g.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return s, directory.Errorf(directory.ENOTFOUND, "There is no suggestion number %d.", id)
	}
	if err != nil {
		return s, fmt.Errorf("find suggestion %d: %w", id, err)
	}
	return s, nil
}

// CreateSuggestion stores a suggestion, open, after checking its fields.
// Nothing it writes bumps the content version.
func (db *DB) CreateSuggestion(ctx context.Context, s directory.Suggestion) (directory.Suggestion, error) {
	s = s.Tidy()
	if err := s.Validate().Err(); err != nil {
		return s, err
	}
	tx, err := db.writeTx(ctx)
	if err != nil {
		return s, err
	}
	defer tx.Rollback()
	var serviceID any
	name := s.ServiceName
	if s.ServiceID != 0 {
		var found int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM services WHERE id = ?`, s.ServiceID).Scan(&found)
		if errors.Is(err, sql.ErrNoRows) {
			return s, directory.Errorf(directory.ENOTFOUND, "There is no service number %d.", s.ServiceID)
		}
		if err != nil {
			return s, fmt.Errorf("find service %d: %w", s.ServiceID, err)
		}
		serviceID, name = s.ServiceID, ""
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO suggestions (service_id, topic, details, service_name, where_it_runs, email, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, 'open', ?)`,
		serviceID, s.Topic, s.Details, name, s.WhereItRuns, s.Email, db.now())
	if err != nil {
		return s, fmt.Errorf("create suggestion: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return s, fmt.Errorf("create suggestion: %w", err)
	}
	created, err := suggestionInTx(ctx, tx, id)
	if err != nil {
		return s, err
	}
	if err := tx.Commit(); err != nil {
		return s, fmt.Errorf("commit new suggestion: %w", err)
	}
	return created, nil
}

// Suggestions returns the suggestions with the given status, oldest first;
// an empty status returns every one.
func (db *DB) Suggestions(ctx context.Context, status string) ([]directory.Suggestion, error) {
	where, args := "", []any{}
	if status != "" {
		where, args = " WHERE g.status = ?", append(args, status)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+suggestionColumns+suggestionFrom+where+` ORDER BY g.created_at, g.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list suggestions: %w", err)
	}
	defer rows.Close()
	var out []directory.Suggestion
	for rows.Next() {
		s, err := scanSuggestion(rows)
		if err != nil {
			return nil, fmt.Errorf("scan suggestion: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// CloseSuggestion closes an open suggestion with staff's note, and audits
// it. The audit record, and it alone, moves the content version.
func (db *DB) CloseSuggestion(ctx context.Context, actor directory.Actor, id int64, note string) (directory.Suggestion, error) {
	note = strings.TrimSpace(note)
	if errs := directory.ValidateCloseNote(note); len(errs) > 0 {
		return directory.Suggestion{}, errs.Err()
	}
	tx, err := db.writeTx(ctx)
	if err != nil {
		return directory.Suggestion{}, err
	}
	defer tx.Rollback()
	before, err := suggestionInTx(ctx, tx, id)
	if err != nil {
		return before, err
	}
	if before.Status != directory.SuggestionOpen {
		return before, directory.Errorf(directory.EINVALID, "Suggestion number %d is already closed.", id)
	}
	now := db.now()
	if _, err := tx.ExecContext(ctx, `UPDATE suggestions SET status = 'closed', closed_at = ?, closed_note = ?, closed_by = ? WHERE id = ?`,
		now, note, actorName(actor), id); err != nil {
		return before, fmt.Errorf("close suggestion %d: %w", id, err)
	}
	after, err := suggestionInTx(ctx, tx, id)
	if err != nil {
		return before, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntitySuggestion, key: strconv.FormatInt(id, 10),
		action: "close", reason: note, before: before.Audited(), after: after.Audited(), timestamp: now}); err != nil {
		return before, err
	}
	if err := tx.Commit(); err != nil {
		return before, fmt.Errorf("commit closing suggestion %d: %w", id, err)
	}
	return after, nil
}

// ForgetOldEmails blanks the email of every suggestion closed before the
// given date, and returns how many it blanked.
func (db *DB) ForgetOldEmails(ctx context.Context, before string) (int, error) {
	res, err := db.write.ExecContext(ctx, `UPDATE suggestions SET email = '' WHERE status = 'closed' AND email <> '' AND closed_at < ?`, before)
	if err != nil {
		return 0, fmt.Errorf("forget old emails: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("forget old emails: %w", err)
	}
	return int(n), nil
}

func actorName(a directory.Actor) string {
	if a.Name == "" {
		return "system"
	}
	return a.Name
}
