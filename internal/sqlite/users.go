package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// userSnapshot is what the audit log keeps of an account: never the password hash.
type userSnapshot struct {
	Email    string         `json:"email"`
	Name     string         `json:"name"`
	Role     directory.Role `json:"role"`
	Disabled bool           `json:"disabled"`
}

func snapshotUser(u directory.User) userSnapshot {
	return userSnapshot{Email: u.Email, Name: u.Name, Role: u.Role, Disabled: u.Disabled}
}

const userColumns = `id, email, name, role, disabled_at != '', created_at, version`

func scanUser(row interface{ Scan(...any) error }) (directory.User, error) {
	var u directory.User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Disabled, &u.CreatedAt, &u.Version)
	return u, err
}

// CreateUser adds a staff account with an already hashed password. An email
// that is taken gives an EINVALID error.
func (db *DB) CreateUser(ctx context.Context, actor directory.Actor, u directory.User, passwordHash string) (directory.User, error) {
	tx, err := db.writeTx(ctx)
	if err != nil {
		return u, err
	}
	defer tx.Rollback()
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE email = ?`, u.Email).Scan(&taken); err != nil {
		return u, fmt.Errorf("check email: %w", err)
	}
	if taken > 0 {
		var errs directory.FieldErrors
		errs.Add("email", "There is already an account with this email address")
		return u, errs.Err()
	}
	now := db.now()
	res, err := tx.ExecContext(ctx, `INSERT INTO users (email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)`,
		strings.TrimSpace(u.Email), strings.TrimSpace(u.Name), u.Role, passwordHash, now)
	if err != nil {
		return u, fmt.Errorf("create user: %w", err)
	}
	u.ID, _ = res.LastInsertId()
	u.CreatedAt, u.Version = now, 1
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityUser, key: u.Email, action: "create",
		after: snapshotUser(u), timestamp: now}); err != nil {
		return u, err
	}
	return u, tx.Commit()
}

// UserByEmail returns an account and its password hash, or ENOTFOUND.
func (db *DB) UserByEmail(ctx context.Context, email string) (directory.User, string, error) {
	var hash string
	var u directory.User
	err := db.read.QueryRowContext(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE email = ?`, strings.TrimSpace(email)).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Disabled, &u.CreatedAt, &u.Version, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return u, "", directory.Errorf(directory.ENOTFOUND, "There is no account for that email address.")
	}
	if err != nil {
		return u, "", fmt.Errorf("find user by email: %w", err)
	}
	return u, hash, nil
}

// User returns the account with the given id, or ENOTFOUND.
func (db *DB) User(ctx context.Context, id int64) (directory.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, directory.Errorf(directory.ENOTFOUND, "There is no such account.")
	}
	if err != nil {
		return u, fmt.Errorf("find user %d: %w", id, err)
	}
	return u, nil
}

// Users returns every account, by name.
func (db *DB) Users(ctx context.Context) ([]directory.User, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY lower(name), id`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var users []directory.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("scan user: %w", err)
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

// CountActiveUsers returns how many accounts can log in.
func (db *DB) CountActiveUsers(ctx context.Context) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE disabled_at = ''`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

// DisableUser stops an account from logging in; the server checks the account
// on every staff request, so its open sessions stop working too. It refuses to
// disable the last active admin.
func (db *DB) DisableUser(ctx context.Context, actor directory.Actor, id int64) (directory.User, error) {
	return db.setDisabled(ctx, actor, id, true)
}

// EnableUser lets a disabled account log in again, with the password and role
// it had. Enabling an active account changes nothing.
func (db *DB) EnableUser(ctx context.Context, actor directory.Actor, id int64) (directory.User, error) {
	return db.setDisabled(ctx, actor, id, false)
}

// setDisabled disables or enables an account and records the change.
func (db *DB) setDisabled(ctx context.Context, actor directory.Actor, id int64, disable bool) (directory.User, error) {
	tx, err := db.writeTx(ctx)
	if err != nil {
		return directory.User{}, err
	}
	defer tx.Rollback()
	before, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return before, directory.Errorf(directory.ENOTFOUND, "There is no such account.")
	}
	if err != nil {
		return before, fmt.Errorf("find user %d: %w", id, err)
	}
	if before.Disabled == disable {
		return before, nil
	}
	if disable && before.Role == directory.RoleAdmin {
		var admins int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at = ''`).Scan(&admins); err != nil {
			return before, fmt.Errorf("count admins: %w", err)
		}
		if admins <= 1 {
			return before, directory.Errorf(directory.EINVALID, "%s is the only active admin, so the account cannot be disabled.", before.Name)
		}
	}
	now := db.now()
	disabledAt, action := "", "enable"
	if disable {
		disabledAt, action = now, "disable"
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled_at = ?, version = version + 1 WHERE id = ?`, disabledAt, id); err != nil {
		return before, fmt.Errorf("%s user: %w", action, err)
	}
	after := before
	after.Disabled, after.Version = disable, before.Version+1
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityUser, key: before.Email, action: action,
		before: snapshotUser(before), after: snapshotUser(after), timestamp: now}); err != nil {
		return before, err
	}
	return after, tx.Commit()
}
