package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

const suggestionColumns = `g.id, coalesce(g.service_id, 0), coalesce(sv.slug, ''), coalesce(sv.name, g.service_name),
	g.where_it_runs, g.topic, g.details, g.email, g.status, g.created_at, g.closed_at, g.closed_note, g.closed_by`

const suggestionFrom = ` FROM suggestions g LEFT JOIN services sv ON sv.id = g.service_id`

func scanSuggestion(row pgx.Row) (directory.Suggestion, error) {
	var s directory.Suggestion
	var topic string
	err := row.Scan(&s.ID, &s.ServiceID, &s.ServiceSlug, &s.ServiceName, &s.WhereItRuns, &topic, &s.Details,
		&s.Email, &s.Status, &s.CreatedAt, &s.ClosedAt, &s.ClosedNote, &s.ClosedBy)
	s.Topic = directory.SuggestionTopic(topic)
	return s, err
}

func suggestionInTx(ctx context.Context, tx pgx.Tx, id int64, forUpdate bool) (directory.Suggestion, error) {
	lock := ""
	if forUpdate {
		lock = ` FOR UPDATE OF g`
	}
	s, err := scanSuggestion(tx.QueryRow(ctx, `SELECT `+suggestionColumns+suggestionFrom+` WHERE g.id = $1`+lock, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return s, directory.Errorf(directory.ENOTFOUND, "There is no suggestion number %d.", id)
	}
	if err != nil {
		return s, fmt.Errorf("find suggestion %d: %w", id, err)
	}
	return s, nil
}

// CreateSuggestion stores a suggestion, open, after checking its fields. It
// writes no public table, so it takes a plain transaction and leaves the
// content version alone.
func (db *DB) CreateSuggestion(ctx context.Context, s directory.Suggestion) (directory.Suggestion, error) {
	s = s.Tidy()
	if err := s.Validate().Err(); err != nil {
		return s, err
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return s, fmt.Errorf("create suggestion: %w", err)
	}
	defer tx.Rollback(ctx)
	var serviceID *int64
	name := s.ServiceName
	if s.ServiceID != 0 {
		var found int64
		err := tx.QueryRow(ctx, `SELECT id FROM services WHERE id = $1`, s.ServiceID).Scan(&found)
		if errors.Is(err, pgx.ErrNoRows) {
			return s, directory.Errorf(directory.ENOTFOUND, "There is no service number %d.", s.ServiceID)
		}
		if err != nil {
			return s, fmt.Errorf("find service %d: %w", s.ServiceID, err)
		}
		serviceID, name = &found, ""
	}
	var id int64
	if err := tx.QueryRow(ctx, `
		INSERT INTO suggestions (service_id, topic, details, service_name, where_it_runs, email, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)
		RETURNING id`,
		serviceID, string(s.Topic), s.Details, name, s.WhereItRuns, s.Email, db.now()).Scan(&id); err != nil {
		return s, fmt.Errorf("create suggestion: %w", err)
	}
	created, err := suggestionInTx(ctx, tx, id, false)
	if err != nil {
		return s, err
	}
	if err := tx.Commit(ctx); err != nil {
		return s, fmt.Errorf("commit new suggestion: %w", err)
	}
	return created, nil
}

// Suggestions returns the suggestions with the given status, oldest first;
// an empty status returns every one.
func (db *DB) Suggestions(ctx context.Context, status string) ([]directory.Suggestion, error) {
	where, args := "", []any{}
	if status != "" {
		args = append(args, status)
		where = " WHERE g.status = $" + strconv.Itoa(len(args))
	}
	rows, err := db.pool.Query(ctx, `SELECT `+suggestionColumns+suggestionFrom+where+` ORDER BY g.created_at, g.id`, args...)
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list suggestions: %w", err)
	}
	return out, nil
}

// CloseSuggestion closes an open suggestion with staff's note, and audits
// it. The suggestions table is quiet, but the audit log bumps the content
// version, so the transaction queues for the version's row first, as every
// write to a public table does.
func (db *DB) CloseSuggestion(ctx context.Context, actor directory.Actor, id int64, note string) (directory.Suggestion, error) {
	note = strings.TrimSpace(note)
	if errs := directory.ValidateCloseNote(note); len(errs) > 0 {
		return directory.Suggestion{}, errs.Err()
	}
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return directory.Suggestion{}, fmt.Errorf("close suggestion %d: %w", id, err)
	}
	defer tx.Rollback(ctx)
	before, err := suggestionInTx(ctx, tx, id, true)
	if err != nil {
		return before, err
	}
	if before.Status != directory.SuggestionOpen {
		return before, directory.Errorf(directory.EINVALID, "Suggestion number %d is already closed.", id)
	}
	name := actor.Name
	if name == "" {
		name = "system"
	}
	now := db.now()
	if _, err := tx.Exec(ctx, `UPDATE suggestions SET status = 'closed', closed_at = $1, closed_note = $2, closed_by = $3 WHERE id = $4`,
		now, note, name, id); err != nil {
		return before, fmt.Errorf("close suggestion %d: %w", id, err)
	}
	after, err := suggestionInTx(ctx, tx, id, false)
	if err != nil {
		return before, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntitySuggestion, key: strconv.FormatInt(id, 10),
		action: "close", reason: note, before: before.Audited(), after: after.Audited(), timestamp: now}); err != nil {
		return before, err
	}
	if err := tx.Commit(ctx); err != nil {
		return before, fmt.Errorf("commit closing suggestion %d: %w", id, err)
	}
	return after, nil
}

// ForgetOldEmails blanks the email of every suggestion closed before the
// given date, and returns how many it blanked.
func (db *DB) ForgetOldEmails(ctx context.Context, before string) (int, error) {
	tag, err := db.pool.Exec(ctx, `UPDATE suggestions SET email = '' WHERE status = 'closed' AND email <> '' AND closed_at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("forget old emails: %w", err)
	}
	return int(tag.RowsAffected()), nil
}
