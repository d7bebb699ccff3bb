package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

func TestUserAddListDisable(t *testing.T) {
	db := filepath.Join(t.TempDir(), "directory.db")
	ctx := context.Background()
	user := func(stdin string, args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, append([]string{"user"}, append(args, "-db", db)...), strings.NewReader(stdin), &out, io.Discard)
		return out.String(), err
	}
	if _, err := user("long enough password\n", "add", "-email", "ada@example.org", "-name", "Ada Admin", "-role", "admin"); err != nil {
		t.Fatalf("add admin: %v", err)
	}
	if _, err := user("another long password\n", "add", "-email", "ed@example.org", "-name", "Ed Editor", "-role", "editor"); err != nil {
		t.Fatalf("add editor: %v", err)
	}
	if _, err := user("short\n", "add", "-email", "x@example.org", "-name", "X", "-role", "editor"); err == nil || !strings.Contains(err.Error(), "at least 12") {
		t.Errorf("a short password gave %v", err)
	}
	if _, err := user("long enough password\n", "add", "-email", "ADA@example.org", "-name", "Twin", "-role", "editor"); err == nil {
		t.Error("a second account with the same email (in another case) was added")
	}
	if _, err := user("long enough password\n", "add", "-email", "z@example.org", "-name", "Z", "-role", "owner"); err == nil {
		t.Error("an unknown role was accepted")
	}
	out, err := user("", "list")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "ada@example.org") || !strings.Contains(out, "ed@example.org") || strings.Contains(out, "x@example.org") {
		t.Errorf("list:\n%s", out)
	}
	if _, err := user("", "disable", "-email", "ed@example.org"); err != nil {
		t.Fatal(err)
	}
	if _, err := user("", "disable", "-email", "ada@example.org"); err == nil || !strings.Contains(err.Error(), "only active admin") {
		t.Errorf("disabling the last admin gave %v", err)
	}
	out, _ = user("", "list")
	if !strings.Contains(out, "disabled") {
		t.Errorf("list after disable:\n%s", out)
	}
	if out, err := user("", "enable", "-email", "ed@example.org"); err != nil || !strings.Contains(out, "Enabled") {
		t.Fatalf("enable: %q, %v", out, err)
	}
	out, _ = user("", "list")
	if strings.Contains(out, "disabled") {
		t.Errorf("list after enable:\n%s", out)
	}
	if _, err := user("", "enable", "-email", "nobody@example.org"); err == nil {
		t.Error("enabling an unknown account succeeded")
	}
}

func TestServeSaysHowToCreateTheFirstAdmin(t *testing.T) {
	_, logs := startServe(t, filepath.Join(t.TempDir(), "directory.db"))
	if !strings.Contains(logs.String(), "directory user add") || !strings.Contains(logs.String(), "-role admin") {
		t.Errorf("start-up log does not say how to create the first admin:\n%s", logs)
	}
}

// userAdd runs `directory user add` in this process with a password on
// standard input, and returns what it printed and its error.
func userAdd(t *testing.T, dbPath string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	all := append([]string{"user", "add", "-db", dbPath}, args...)
	err := run(context.Background(), all, strings.NewReader("a long provider password\n"), &out, io.Discard)
	return out.String(), err
}

func TestUserAddTiesAProviderToItsOrganisations(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "providers.db")
	if err := run(context.Background(), []string{"seed", "-db", dbPath}, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	if _, err := userAdd(t, dbPath, "-email", "none@example.org", "-name", "No Org", "-role", "provider"); err == nil ||
		!strings.Contains(err.Error(), "organisation") {
		t.Errorf("a provider with no organisation: %v, want it refused", err)
	}
	if _, err := userAdd(t, dbPath, "-email", "typo@example.org", "-name", "Typo", "-role", "provider",
		"-organisation", "home-start,no-such-charity"); err == nil || !strings.Contains(err.Error(), `"no-such-charity"`) {
		t.Errorf("a provider with an unknown organisation: %v, want it named", err)
	}
	out, err := userAdd(t, dbPath, "-email", "pat@example.org", "-name", "Pat Provider", "-role", "provider",
		"-organisation", "home-start", "-organisation", "barnardos,home-start")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "as provider for barnardos, home-start") {
		t.Errorf("user add said %q", out)
	}
	var list bytes.Buffer
	if err := run(context.Background(), []string{"user", "list", "-db", dbPath}, nil, &list, io.Discard); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(list.String(), "typo@example.org") || strings.Contains(list.String(), "none@example.org") {
		t.Errorf("a refused account was created:\n%s", list.String())
	}
	if !strings.Contains(list.String(), "barnardos,home-start") {
		t.Errorf("user list does not show the provider's organisations:\n%s", list.String())
	}
}
