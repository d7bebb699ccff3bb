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
	Email         string         `json:"email"`
	Name          string         `json:"name"`
	Role          directory.Role `json:"role"`
	Disabled      bool           `json:"disabled"`
	Organisations []string       `json:"organisations,omitempty"`
}

func snapshotUser(u directory.User) userSnapshot {
	return userSnapshot{Email: u.Email, Name: u.Name, Role: u.Role, Disabled: u.Disabled, Organisations: u.Organisations}
}

const userColumns = `id, email, name, role, disabled_at != '', created_at, version`

func scanUser(row interface{ Scan(...any) error }) (directory.User, error) {
	var u directory.User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Disabled, &u.CreatedAt, &u.Version)
	return u, err
}

// CreateUser adds an account with an already hashed password, and ties a
// provider to its organisations. An email that is taken, an organisation
// that does not exist, a provider with no organisation or staff with one
// gives an EINVALID error and writes nothing.
func (db *DB) CreateUser(ctx context.Context, actor directory.Actor, u directory.User, passwordHash string) (directory.User, error) {
	tx, err := db.writeTx(ctx)
	if err != nil {
		return u, err
	}
	defer tx.Rollback()
	u.Organisations = directory.TidyOrganisations(u.Organisations)
	orgIDs, err := organisationIDs(ctx, tx, u)
	if err != nil {
		return u, err
	}
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
	for _, org := range orgIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_organisations (user_id, organisation_id) VALUES (?, ?)`, u.ID, org); err != nil {
			return u, fmt.Errorf("tie user to organisation: %w", err)
		}
	}
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
	list := []directory.User{u}
	if err := attachOrganisations(ctx, db.read, list); err != nil {
		return u, "", err
	}
	return list[0], hash, nil
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
	list := []directory.User{u}
	if err := attachOrganisations(ctx, db.read, list); err != nil {
		return u, err
	}
	return list[0], nil
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	if err := attachOrganisations(ctx, db.read, users); err != nil {
		return nil, err
	}
	return users, nil
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
	list := []directory.User{before}
	if err := attachOrganisations(ctx, tx, list); err != nil {
		return before, err
	}
	before = list[0]
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

// organisationIDs returns the ids of the organisations an account being
// created is tied to, after checking that a provider names at least one,
// that staff name none, and that each exists.
func organisationIDs(ctx context.Context, tx *sql.Tx, u directory.User) ([]int64, error) {
	var errs directory.FieldErrors
	switch {
	case u.Role == directory.RoleProvider && len(u.Organisations) == 0:
		errs.Add("organisations", "Choose at least one organisation the provider works for")
	case u.Role != directory.RoleProvider && len(u.Organisations) > 0:
		errs.Add("organisations", "Only a provider is tied to organisations")
	}
	var ids []int64
	for _, slug := range u.Organisations {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM organisations WHERE slug = ?`, slug).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			errs.Addf("organisations", "There is no organisation %q", slug)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("find organisation %q: %w", slug, err)
		}
		ids = append(ids, id)
	}
	return ids, errs.Err()
}

// attachOrganisations fills in the organisations each account is tied to,
// by slug, in one query.
func attachOrganisations(ctx context.Context, q queryer, users []directory.User) error {
	if len(users) == 0 {
		return nil
	}
	where, args := "", []any{}
	if len(users) == 1 {
		where, args = ` WHERE uo.user_id = ?`, append(args, users[0].ID)
	}
	rows, err := q.QueryContext(ctx, `SELECT uo.user_id, o.slug FROM user_organisations uo
		JOIN organisations o ON o.id = uo.organisation_id`+where+` ORDER BY uo.user_id, o.slug`, args...)
	if err != nil {
		return fmt.Errorf("read the accounts' organisations: %w", err)
	}
	defer rows.Close()
	orgs := map[int64][]string{}
	for rows.Next() {
		var id int64
		var slug string
		if err := rows.Scan(&id, &slug); err != nil {
			return fmt.Errorf("read the accounts' organisations: %w", err)
		}
		orgs[id] = append(orgs[id], slug)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the accounts' organisations: %w", err)
	}
	for i := range users {
		users[i].Organisations = orgs[users[i].ID]
	}
	return nil
}
