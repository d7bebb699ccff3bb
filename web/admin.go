package web

import (
	"strconv"

	"github.com/wessex-network/directory/internal/directory"
)

// UserRowID is the id of an account's row on the staff accounts page. A
// refused action on the account is reported under it, so that the error
// summary links to the row.
func UserRowID(id int64) string { return "user-" + strconv.FormatInt(id, 10) }

// roleLabel names a role in words.
func roleLabel(r directory.Role) string {
	switch r {
	case directory.RoleAdmin:
		return "Admin"
	case directory.RoleEditor:
		return "Editor"
	case directory.RoleProvider:
		return "Provider"
	}
	return string(r)
}

func roleOptions(selected directory.Role) []Option {
	return []Option{
		{Value: string(directory.RoleEditor), Label: "Editor", Hint: "Keeps services and coverage ratings true", Checked: selected == directory.RoleEditor},
		{Value: string(directory.RoleAdmin), Label: "Admin", Hint: "Also manages staff accounts, service types and areas", Checked: selected == directory.RoleAdmin},
		{Value: string(directory.RoleProvider), Label: "Provider", Hint: "Works for an organisation below, and proposes changes to its services for staff to approve", Checked: selected == directory.RoleProvider},
	}
}

// kindOptions lists the kinds of area for a drop-down, with a prompt first
// when none is chosen yet.
func kindOptions(selected string) []Option {
	var opts []Option
	if !directory.ValidKind(selected) {
		opts = append(opts, Option{Value: "", Label: "Choose a kind of area", Checked: true})
	}
	for _, k := range directory.Kinds {
		opts = append(opts, Option{Value: k, Label: directory.KindLabel(k), Checked: k == selected})
	}
	return opts
}

// parentOptions lists the areas that may be chosen as a parent, after "None".
func parentOptions(areas []directory.Area, selected string) []Option {
	opts := []Option{{Value: "", Label: "None: this area is at the top", Checked: selected == ""}}
	for _, a := range areas {
		opts = append(opts, Option{Value: a.Slug, Label: a.Name + " (" + directory.KindLabel(a.Kind) + ")", Checked: a.Slug == selected})
	}
	return opts
}

// versionValue writes a version for a hidden form field.
func versionValue(v int) string { return strconv.Itoa(v) }
