package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// The outbox is written in plain statements, not through beginContentWrite:
// it has no content-version triggers, and no write here is audited, so the
// page cache never hears of mail.

const outboxColumns = `id, to_addresses, subject, body, kind, status, attempts, last_error, created_at, sent_at`

// addressSeparator joins a message's addresses in to_addresses; no address
// that Mail.Validate lets through holds a comma.
const addressSeparator = ", "

func scanMail(row pgx.Row) (directory.Mail, error) {
	var m directory.Mail
	var to string
	err := row.Scan(&m.ID, &to, &m.Subject, &m.Body, &m.Kind, &m.Status, &m.Attempts, &m.LastError, &m.CreatedAt, &m.SentAt)
	if to != "" {
		m.To = strings.Split(to, addressSeparator)
	}
	return m, err
}

func (db *DB) scanMails(ctx context.Context, query string, args ...any) ([]directory.Mail, error) {
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read the outbox: %w", err)
	}
	defer rows.Close()
	var out []directory.Mail
	for rows.Next() {
		m, err := scanMail(rows)
		if err != nil {
			return nil, fmt.Errorf("read the outbox: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the outbox: %w", err)
	}
	return out, nil
}

// oneMail reads the one message a query returns, or says there is none.
func oneMail(row pgx.Row, id int64) (directory.Mail, error) {
	m, err := scanMail(row)
	if errors.Is(err, pgx.ErrNoRows) {
		return m, directory.Errorf(directory.ENOTFOUND, "There is no message number %d in the outbox.", id)
	}
	if err != nil {
		return m, fmt.Errorf("find message %d: %w", id, err)
	}
	return m, nil
}

// AddMail stores a message, pending, after checking it.
func (db *DB) AddMail(ctx context.Context, m directory.Mail) (directory.Mail, error) {
	if err := m.Validate().Err(); err != nil {
		return m, err
	}
	added, err := scanMail(db.pool.QueryRow(ctx, `
		INSERT INTO outbox (to_addresses, subject, body, kind, status, created_at) VALUES ($1, $2, $3, $4, 'pending', $5)
		RETURNING `+outboxColumns,
		strings.Join(m.To, addressSeparator), m.Subject, m.Body, m.Kind, db.now()))
	if err != nil {
		return m, fmt.Errorf("add to the outbox: %w", err)
	}
	return added, nil
}

// OutboxMail returns one message of the outbox.
func (db *DB) OutboxMail(ctx context.Context, id int64) (directory.Mail, error) {
	return oneMail(db.pool.QueryRow(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE id = $1`, id), id)
}

// Outbox returns the newest messages, at most limit, newest first, and how
// many there are in all.
func (db *DB) Outbox(ctx context.Context, limit int) ([]directory.Mail, int, error) {
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM outbox`).Scan(&n); err != nil {
		return nil, 0, fmt.Errorf("count the outbox: %w", err)
	}
	out, err := db.scanMails(ctx, `SELECT `+outboxColumns+` FROM outbox ORDER BY id DESC LIMIT $1`, limit)
	return out, n, err
}

// PendingMail returns every message not yet sent, oldest first.
func (db *DB) PendingMail(ctx context.Context) ([]directory.Mail, error) {
	return db.scanMails(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE status = 'pending' ORDER BY id`)
}

// LatestMail returns the newest message of a kind.
func (db *DB) LatestMail(ctx context.Context, kind string) (directory.Mail, error) {
	m, err := scanMail(db.pool.QueryRow(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE kind = $1 ORDER BY id DESC LIMIT 1`, kind))
	if errors.Is(err, pgx.ErrNoRows) {
		return m, directory.Errorf(directory.ENOTFOUND, "The outbox holds no message of the kind %q.", kind)
	}
	if err != nil {
		return m, fmt.Errorf("find the latest %s message: %w", kind, err)
	}
	return m, nil
}

// MarkMailSent records that a message was sent, now; one already sent keeps
// its first time.
func (db *DB) MarkMailSent(ctx context.Context, id int64) (directory.Mail, error) {
	return db.updateMail(ctx, id, `UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = $1 WHERE id = $2 AND status = 'pending'`, db.now(), id)
}

// RecordMailFailure records a failed attempt to send a message, with its
// error; the message stays pending.
func (db *DB) RecordMailFailure(ctx context.Context, id int64, reason string) (directory.Mail, error) {
	return db.updateMail(ctx, id, `UPDATE outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2 AND status = 'pending'`, reason, id)
}

// updateMail runs one update of a message and returns it as it then is.
func (db *DB) updateMail(ctx context.Context, id int64, query string, args ...any) (directory.Mail, error) {
	if _, err := db.pool.Exec(ctx, query, args...); err != nil {
		return directory.Mail{}, fmt.Errorf("update message %d: %w", id, err)
	}
	return db.OutboxMail(ctx, id)
}
