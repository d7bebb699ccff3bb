package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// The outbox is written through the writer connection in plain transactions:
// it has no content-version triggers, and no write here is audited, so the
// page cache never hears of mail.

const outboxColumns = `id, to_addresses, subject, body, kind, status, attempts, last_error, created_at, sent_at`

// addressSeparator joins a message's addresses in to_addresses; no address
// that Mail.Validate lets through holds a comma.
const addressSeparator = ", "

func scanMail(row interface{ Scan(...any) error }) (directory.Mail, error) {
	var m directory.Mail
	var to string
	err := row.Scan(&m.ID, &to, &m.Subject, &m.Body, &m.Kind, &m.Status, &m.Attempts, &m.LastError, &m.CreatedAt, &m.SentAt)
	if to != "" {
		m.To = strings.Split(to, addressSeparator)
	}
	return m, err
}

func scanMails(rows *sql.Rows, err error) ([]directory.Mail, error) {
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

func mailIn(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, id int64) (directory.Mail, error) {
	m, err := scanMail(q.QueryRowContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
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
	tx, err := db.writeTx(ctx)
	if err != nil {
		return m, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox (to_addresses, subject, body, kind, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)`,
		strings.Join(m.To, addressSeparator), m.Subject, m.Body, m.Kind, db.now())
	if err != nil {
		return m, fmt.Errorf("add to the outbox: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return m, fmt.Errorf("add to the outbox: %w", err)
	}
	added, err := mailIn(ctx, tx, id)
	if err != nil {
		return m, err
	}
	if err := tx.Commit(); err != nil {
		return m, fmt.Errorf("commit a message to the outbox: %w", err)
	}
	return added, nil
}

// OutboxMail returns one message of the outbox.
func (db *DB) OutboxMail(ctx context.Context, id int64) (directory.Mail, error) {
	return mailIn(ctx, db.read, id)
}

// Outbox returns the newest messages, at most limit, newest first, and how
// many there are in all.
func (db *DB) Outbox(ctx context.Context, limit int) ([]directory.Mail, int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM outbox`).Scan(&n); err != nil {
		return nil, 0, fmt.Errorf("count the outbox: %w", err)
	}
	out, err := scanMails(db.read.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox ORDER BY id DESC LIMIT ?`, limit))
	return out, n, err
}

// PendingMail returns every message not yet sent, oldest first.
func (db *DB) PendingMail(ctx context.Context) ([]directory.Mail, error) {
	return scanMails(db.read.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE status = 'pending' ORDER BY id`))
}

// LatestMail returns the newest message of a kind.
func (db *DB) LatestMail(ctx context.Context, kind string) (directory.Mail, error) {
	m, err := scanMail(db.read.QueryRowContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE kind = ? ORDER BY id DESC LIMIT 1`, kind))
	if errors.Is(err, sql.ErrNoRows) {
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
	return db.updateMail(ctx, id, `UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ? WHERE id = ? AND status = 'pending'`, db.now(), id)
}

// RecordMailFailure records a failed attempt to send a message, with its
// error; the message stays pending.
func (db *DB) RecordMailFailure(ctx context.Context, id int64, reason string) (directory.Mail, error) {
	return db.updateMail(ctx, id, `UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'pending'`, reason, id)
}

// updateMail runs one update of a message and returns it as it then is.
func (db *DB) updateMail(ctx context.Context, id int64, query string, args ...any) (directory.Mail, error) {
	tx, err := db.writeTx(ctx)
	if err != nil {
		return directory.Mail{}, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, query, args...); err != nil {
		return directory.Mail{}, fmt.Errorf("update message %d: %w", id, err)
	}
	m, err := mailIn(ctx, tx, id)
	if err != nil {
		return m, err
	}
	if err := tx.Commit(); err != nil {
		return m, fmt.Errorf("commit message %d: %w", id, err)
	}
	return m, nil
}
