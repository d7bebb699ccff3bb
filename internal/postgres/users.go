package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// userSnapshot is what the audit log keeps of an account: never the password
// hash. It is the same JSON as the SQLite store writes.
type userSnapshot struct {
	Email         string         `json:"email"`
	Name          string         `json:"name"`
	Role          directory.Role `json:"role"`
	Disabled      bool           `json:"disabled"`
	Organisations []string       `json:"organisations,omitempty"`
}

// snapshotUser is the audit log's record of an account.
func snapshotUser(u directory.User) userSnapshot {
	return userSnapshot{Email: u.Email, Name: u.Name, Role: u.Role, Disabled: u.Disabled, Organisations: u.Organisations}
}

// userColumns are the columns scanUser reads, in its order. email is citext,
// read back as text.
const userColumns = `id, email::text, name, role, disabled_at <> '', created_at, version`

// scanUser reads an account from a row of userColumns.
func scanUser(row pgx.Row) (directory.User, error) {
	var u directory.User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Disabled, &u.CreatedAt, &u.Version)
	return u, err
}

// lastAdminLockID is the transaction-level advisory lock that every
// disabling or enabling of an account holds, on any server of the database,
// so that two admins disabling each other at once are judged one after the
// other: the second sees the first's change and is refused, and the
// directory is never left without an active admin. The number is the ASCII
// of "dir-admn".
const lastAdminLockID int64 = 0x6469722d61646d6e

// CreateUser adds an account with an already hashed password, and ties a
// provider to its organisations. An organisation that does not exist, a
// provider with no organisation or staff with one gives an EINVALID error
// and writes nothing. An email that is taken, in any case, gives an EINVALID
// error, also when two servers
// create the same account at once: the unique constraint on the email
// decides, through ON CONFLICT, rather than a count made beforehand.
func (db *DB) CreateUser(ctx context.Context, actor directory.Actor, u directory.User, passwordHash string) (directory.User, error) {
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return u, fmt.Errorf("create user: %w", err)
	}
	defer tx.Rollback(ctx)
	u.Organisations = directory.TidyOrganisations(u.Organisations)
	orgIDs, err := organisationIDs(ctx, tx, u)
	if err != nil {
		return u, err
	}
	now := db.now()
	err = tx.QueryRow(ctx, `INSERT INTO users (email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (email) DO NOTHING RETURNING id`,
		strings.TrimSpace(u.Email), strings.TrimSpace(u.Name), u.Role, passwordHash, now).Scan(&u.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		var errs directory.FieldErrors
		errs.Add("email", "There is already an account with this email address")
		return u, errs.Err()
	}
	if err != nil {
		return u, fmt.Errorf("create user: %w", err)
	}
	u.CreatedAt, u.Version = now, 1
	if len(orgIDs) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO user_organisations (user_id, organisation_id) SELECT $1, unnest($2::bigint[])`, u.ID, orgIDs); err != nil {
			return u, fmt.Errorf("tie user to organisations: %w", err)
		}
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityUser, key: u.Email, action: "create",
		after: snapshotUser(u), timestamp: now}); err != nil {
		return u, err
	}
	if err := tx.Commit(ctx); err != nil {
		return u, fmt.Errorf("create user: %w", err)
	}
	return u, nil
}

// UserByEmail returns an account and its password hash, or ENOTFOUND. The
// email is matched without regard to case, as on SQLite.
func (db *DB) UserByEmail(ctx context.Context, email string) (directory.User, string, error) {
	var hash string
	var u directory.User
	err := db.pool.QueryRow(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE email = $1`, strings.TrimSpace(email)).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Disabled, &u.CreatedAt, &u.Version, &hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return u, "", directory.Errorf(directory.ENOTFOUND, "There is no account for that email address.")
	}
	if err != nil {
		return u, "", fmt.Errorf("find user by email: %w", err)
	}
	list := []directory.User{u}
	if err := attachOrganisations(ctx, db.pool, list); err != nil {
		return u, "", err
	}
	return list[0], hash, nil
}

// User returns the account with the given id, or ENOTFOUND.
func (db *DB) User(ctx context.Context, id int64) (directory.User, error) {
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return u, directory.Errorf(directory.ENOTFOUND, "There is no such account.")
	}
	if err != nil {
		return u, fmt.Errorf("find user %d: %w", id, err)
	}
	list := []directory.User{u}
	if err := attachOrganisations(ctx, db.pool, list); err != nil {
		return u, err
	}
	return list[0], nil
}

// Users returns every account, by name without regard to case, then by id.
func (db *DB) Users(ctx context.Context) ([]directory.User, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY lower(name) COLLATE "C", id`)
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
	if err := attachOrganisations(ctx, db.pool, users); err != nil {
		return nil, err
	}
	return users, nil
}

// CountActiveUsers returns how many accounts can log in.
func (db *DB) CountActiveUsers(ctx context.Context) (int, error) {
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM users WHERE disabled_at = ''`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

// DisableUser stops an account from logging in; the server checks the account
// on every staff request, so its open sessions stop working too. It refuses to
// disable the last active admin, also when two admins disable each other at
// once from two servers (see lastAdminLockID).
func (db *DB) DisableUser(ctx context.Context, actor directory.Actor, id int64) (directory.User, error) {
	return db.setDisabled(ctx, actor, id, true)
}

// EnableUser lets a disabled account log in again, with the password and role
// it had. Enabling an active account changes nothing.
func (db *DB) EnableUser(ctx context.Context, actor directory.Actor, id int64) (directory.User, error) {
	return db.setDisabled(ctx, actor, id, false)
}

// setDisabled disables or enables an account and records the change, in one
// transaction that holds the lastAdminLockID lock from before it reads the
// account until it commits. Under READ COMMITTED each statement after the
// lock sees every change committed before it was granted, so the count of
// active admins is never one that another disabling is about to make stale.
func (db *DB) setDisabled(ctx context.Context, actor directory.Actor, id int64, disable bool) (directory.User, error) {
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return directory.User{}, fmt.Errorf("change user %d: %w", id, err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lastAdminLockID); err != nil {
		return directory.User{}, fmt.Errorf("lock the admins: %w", err)
	}
	before, err := scanUser(tx.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1 FOR UPDATE`, id))
	if errors.Is(err, pgx.ErrNoRows) {
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
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at = ''`).Scan(&admins); err != nil {
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
	if _, err := tx.Exec(ctx, `UPDATE users SET disabled_at = $1, version = version + 1 WHERE id = $2`, disabledAt, id); err != nil {
		return before, fmt.Errorf("%s user: %w", action, err)
	}
	after := before
	after.Disabled, after.Version = disable, before.Version+1
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityUser, key: before.Email, action: action,
		before: snapshotUser(before), after: snapshotUser(after), timestamp: now}); err != nil {
		return before, err
	}
	if err := tx.Commit(ctx); err != nil {
		return before, fmt.Errorf("%s user: %w", action, err)
	}
	return after, nil
}

// organisationIDs returns the ids of the organisations an account being
// created is tied to, after checking that a provider names at least one,
// that staff name none, and that each exists.
func organisationIDs(ctx context.Context, tx pgx.Tx, u directory.User) ([]int64, error) {
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
		err := tx.QueryRow(ctx, `SELECT id FROM organisations WHERE slug = $1`, slug).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
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
// by slug in byte order (as SQLite sorts them), in one query.
func attachOrganisations(ctx context.Context, q serviceReader, users []directory.User) error {
	if len(users) == 0 {
		return nil
	}
	where, args := "", []any{}
	if len(users) == 1 {
		where, args = ` WHERE uo.user_id = $1`, append(args, users[0].ID)
	}
	rows, err := q.Query(ctx, `SELECT uo.user_id, o.slug FROM user_organisations uo
		JOIN organisations o ON o.id = uo.organisation_id`+where+` ORDER BY uo.user_id, o.slug COLLATE "C"`, args...)
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
