package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

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
