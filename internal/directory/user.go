package directory

import (
	"net/mail"
	"strings"
)

// Role is what a staff member may do.
type Role string

// Editors keep services and ratings true; admins also manage staff accounts,
// service types and areas.
const (
	RoleAdmin  Role = "admin"
	RoleEditor Role = "editor"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleEditor }

// User is a member of staff who can log in.
type User struct {
	ID        int64
	Email     string
	Name      string
	Role      Role
	Disabled  bool
	CreatedAt string
	Version   int
}

// Actor is whoever makes a change, as the audit log records it.
type Actor struct {
	UserID int64 // zero for the system, such as a seed load
	Name   string
}

// NewUser is what it takes to create a staff account.
type NewUser struct {
	Email    string
	Name     string
	Role     Role
	Password string
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
		errs.Add("role", "Choose admin or editor")
	}
	if len([]rune(u.Password)) < minPassword {
		errs.Addf("password", "Enter a password of at least %d characters", minPassword)
	}
	return errs
}
