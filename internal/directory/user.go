package directory

import (
	"net/mail"
	"slices"
	"strings"
)

// Role is what a staff member may do.
type Role string

// Editors keep services and ratings true; admins also manage staff accounts,
// service types and areas. Providers, who work for the organisations that run
// services, change nothing themselves: they propose changes to their own
// organisations' services, which editors and admins approve.
const (
	RoleAdmin    Role = "admin"
	RoleEditor   Role = "editor"
	RoleProvider Role = "provider"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleEditor || r == RoleProvider }

// Staff reports whether r is a role of the network's own staff, who change
// the directory directly: an admin or an editor.
func (r Role) Staff() bool { return r == RoleAdmin || r == RoleEditor }

// User is an account that can log in: a member of staff or a provider.
type User struct {
	ID        int64
	Email     string
	Name      string
	Role      Role
	Disabled  bool
	CreatedAt string
	Version   int
	// Organisations are the slugs of the organisations a provider speaks
	// for, in slug order; empty for staff.
	Organisations []string
}

// SpeaksFor reports whether the account is an active provider tied to the
// organisation with the given slug.
func (u User) SpeaksFor(organisation string) bool {
	if u.Role != RoleProvider || u.Disabled || organisation == "" {
		return false
	}
	return slices.Contains(u.Organisations, organisation)
}

// Actor is whoever makes a change, as the audit log records it.
type Actor struct {
	UserID int64 // zero for the system, such as a seed load
	Name   string
}

// NewUser is what it takes to create an account.
type NewUser struct {
	Email    string
	Name     string
	Role     Role
	Password string
	// Organisations are the slugs of a provider's organisations: at least
	// one for a provider, none for staff.
	Organisations []string
}

// Validate checks a new account's fields and returns a message for each problem.
func (u NewUser) Validate(minPassword int) FieldErrors {
	var errs FieldErrors
	if addr, err := mail.ParseAddress(u.Email); err != nil || addr.Address != strings.TrimSpace(u.Email) {
		errs.Add("email", "Enter an email address in the correct format, like name@example.org")
	}
	if strings.TrimSpace(u.Name) == "" {
		errs.Add("name", "Enter the person's name")
	}
	if !u.Role.Valid() {
		errs.Add("role", "Choose admin, editor or provider")
	}
	if u.Role == RoleProvider && len(u.Organisations) == 0 {
		errs.Add("organisations", "Choose at least one organisation the provider works for")
	}
	if u.Role.Staff() && len(u.Organisations) > 0 {
		errs.Add("organisations", "Only a provider is tied to organisations")
	}
	if len([]rune(u.Password)) < minPassword {
		errs.Addf("password", "Enter a password of at least %d characters", minPassword)
	}
	return errs
}

// TidyOrganisations trims a list of organisation slugs, drops empty and
// repeated ones, and sorts the rest, as an account keeps them.
func TidyOrganisations(slugs []string) []string {
	var out []string
	for _, s := range slugs {
		s = strings.TrimSpace(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}
