package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// SessionStore keeps staff sessions in the database's sessions table for scs,
// in the shape of scs's postgresstore (token, data, expiry as timestamptz)
// but through the pgx pool rather than database/sql. Expiry is judged by the
// database's clock. Writing a session never moves the content version.
type SessionStore struct {
	db *DB
}

// Sessions returns the database's session store.
func (db *DB) Sessions() directory.SessionStore { return &SessionStore{db: db} }

// Find returns a session's data, and false if it is unknown or expired.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// FindCtx is Find under a context; scs calls it when it has the request's.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := s.db.pool.QueryRow(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > current_timestamp`, token).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find session: %w", err)
	}
	return data, true, nil
}

// Commit saves a session's data and expiry, and clears out expired sessions,
// as the SQLite store does.
func (s *SessionStore) Commit(token string, data []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, data, expiry)
}

// CommitCtx is Commit under a context; scs calls it when it has the
// request's.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, data []byte, expiry time.Time) error {
	if _, err := s.db.pool.Exec(ctx, `
		INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`,
		token, data, expiry); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	if _, err := s.DeleteExpired(ctx); err != nil {
		return err
	}
	return nil
}

// Delete ends a session.
func (s *SessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}

// DeleteCtx is Delete under a context; scs calls it when it has the
// request's.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	if _, err := s.db.pool.Exec(ctx, `DELETE FROM sessions WHERE token = $1`, token); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteExpired removes the sessions whose expiry has passed, by the index on
// expiry, and says how many it removed. Commit calls it.
func (s *SessionStore) DeleteExpired(ctx context.Context) (int64, error) {
	tag, err := s.db.pool.Exec(ctx, `DELETE FROM sessions WHERE expiry <= current_timestamp`)
	if err != nil {
		return 0, fmt.Errorf("clear expired sessions: %w", err)
	}
	return tag.RowsAffected(), nil
}
