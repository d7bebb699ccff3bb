package oruk

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func TestPublicAddress(t *testing.T) {
	for addr, want := range map[string]bool{
		"8.8.8.8":           true,
		"151.101.0.1":       true,
		"2a00:1450:4009::1": true,
		"127.0.0.1":         false,
		"127.8.9.10":        false,
		"10.1.2.3":          false,
		"172.16.0.1":        false,
		"192.168.1.1":       false,
		"169.254.169.254":   false, // a cloud's metadata service
		"100.64.0.1":        false,
		"0.0.0.0":           false,
		"255.255.255.255":   false,
		"224.0.0.1":         false,
		"192.0.2.10":        false,
		"::1":               false,
		"::":                false,
		"fe80::1":           false,
		"fc00::1":           false,
		"fd12:3456::1":      false,
		"::ffff:127.0.0.1":  false,
		"::ffff:10.0.0.1":   false,
		"64:ff9b::a00:1":    false,
		"2001:db8::1":       false,
	} {
		if got := PublicAddress(netip.MustParseAddr(addr)); got != want {
			t.Errorf("PublicAddress(%s) = %v, want %v", addr, got, want)
		}
	}
}

func feedServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestGuardedSourceRefusesLoopbackAndPrivateNames(t *testing.T) {
	hits := 0
	srv := feedServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Write([]byte(`{"version":"3.0"}`))
	})
	// The test server listens on 127.0.0.1; "localhost" is a registered
	// name that resolves to loopback.
	for _, base := range []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)} {
		src, err := GuardedSource(base, GuardOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := src.Get(context.Background(), ""); !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("fetching %s: %v, want ErrForbiddenAddress", base, err)
		}
	}
	if hits != 0 {
		t.Errorf("the guarded source reached the loopback server %d times", hits)
	}
	// 10.255.255.1 is private: refused before any packet is sent.
	src, _ := GuardedSource("http://10.255.255.1:8080", GuardOptions{})
	if _, err := src.Get(context.Background(), ""); !errors.Is(err, ErrForbiddenAddress) {
		t.Errorf("fetching a private address: %v, want ErrForbiddenAddress", err)
	}
}

func TestGuardedSourceWithAllowPrivateFetchesALoopbackFeed(t *testing.T) {
	srv := feedServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"version":"3.0"}`))
	})
	src, err := GuardedSource(srv.URL+"/", GuardOptions{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := src.Get(context.Background(), "")
	if err != nil || string(b) != `{"version":"3.0"}` {
		t.Errorf("fetch: %q, %v", b, err)
	}
}

func TestGuardedSourceRefusesOtherSchemesAndUsers(t *testing.T) {
	for _, base := range []string{"file:///etc/passwd", "ftp://feeds.example.org/", "gopher://x/", "//feeds.example.org", "feeds.example.org", "https://user:secret@feeds.example.org/"} {
		if _, err := GuardedSource(base, GuardOptions{}); err == nil {
			t.Errorf("GuardedSource(%q) was accepted", base)
		}
	}
}

func TestGuardedSourceRefusesRedirectsElsewhere(t *testing.T) {
	other := feedServer(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{}`)) })
	srv := feedServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/", http.StatusFound)
	})
	src, _ := GuardedSource(srv.URL, GuardOptions{AllowPrivate: true})
	if _, err := src.Get(context.Background(), ""); err == nil || !strings.Contains(err.Error(), "not its own address") {
		t.Errorf("a redirect to another host: %v", err)
	}
}

func TestGuardedSourceRefusesOversizedResponses(t *testing.T) {
	srv := feedServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", 2048)))
	})
	src, _ := GuardedSource(srv.URL, GuardOptions{AllowPrivate: true, MaxBytes: 1024})
	if _, err := src.Get(context.Background(), ""); err == nil || !strings.Contains(err.Error(), "larger than 1024 bytes") {
		t.Errorf("an oversized response: %v", err)
	}
}
