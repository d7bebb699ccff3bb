package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

// SessionStore keeps staff sessions in the database for scs. It writes
// through the single writer connection.
type SessionStore struct {
	db *DB
}

// Sessions returns the database's session store.
func (db *DB) Sessions() directory.SessionStore { return &SessionStore{db: db} }

// Find returns a session's data, and false if it is unknown or expired.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	var data []byte
	err := s.db.read.QueryRow(`SELECT data FROM sessions WHERE token = ? AND expiry > ?`, token, time.Now().Unix()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find session: %w", err)
	}
	return data, true, nil
}

// Commit saves a session's data and expiry, and clears out expired sessions.
func (s *SessionStore) Commit(token string, data []byte, expiry time.Time) error {
	if _, err := s.db.write.Exec(`
		INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`,
		token, data, expiry.Unix()); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	if _, err := s.db.write.Exec(`DELETE FROM sessions WHERE expiry <= ?`, time.Now().Unix()); err != nil {
		return fmt.Errorf("clear expired sessions: %w", err)
	}
	return nil
}

// Delete ends a session.
func (s *SessionStore) Delete(token string) error {
	if _, err := s.db.write.Exec(`DELETE FROM sessions WHERE token = ?`, token); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}
