package oruk

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// A feed's address comes from staff, but the server fetches it, so a wrong
// or hostile address could make the server read its own network: a
// database's port on loopback, a cloud's metadata address, a router's admin
// page. GuardedSource fetches only over http and https, only from the
// feed's own host, and never from a private, loopback, link-local or other
// special address, whatever name resolves to it: the check is made on the
// address each connection is about to dial, after name resolution, so a
// name that resolves differently the second time gains nothing.

// ErrForbiddenAddress is the error for an address the guard refuses to dial.
var ErrForbiddenAddress = errors.New("refused to fetch from a private, loopback or link-local address")

// fetchTimeout bounds one whole request to a feed, body included.
const fetchTimeout = 30 * time.Second

// GuardOptions change what GuardedSource may fetch.
type GuardOptions struct {
	// AllowPrivate lets the source dial private and loopback addresses, for
	// tests that serve a feed on 127.0.0.1. Servers never set it unless
	// started with the flag that says so.
	AllowPrivate bool
	// Timeout bounds each request; zero means 30 seconds.
	Timeout time.Duration
	// MaxBytes bounds each response; zero means 32 MiB.
	MaxBytes int64
}

// GuardedSource returns a Source that reads a live Open Referral UK API at
// base under the guard's rules. A base that is not an absolute http or https
// address is an error.
func GuardedSource(base string, o GuardOptions) (*APISource, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("the feed address %q must be an http or https address, without a user name", base)
	}
	if o.Timeout == 0 {
		o.Timeout = fetchTimeout
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: guardControl(o.AllowPrivate)}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would dial for us, past the guard
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: o.Timeout,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	host := u.Host
	client := &http.Client{
		Transport: transport,
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			if req.URL.Host != host || (req.URL.Scheme != "http" && req.URL.Scheme != "https") {
				return fmt.Errorf("the feed redirected to %s, which is not its own address", req.URL.Redacted())
			}
			return nil
		},
	}
	return &APISource{Base: strings.TrimSuffix(base, "/"), Client: client, MaxBytes: o.MaxBytes}, nil
}

// guardControl returns the dialer's check, which runs on the resolved
// address of every connection before it is made.
func guardControl(allowPrivate bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		if network != "tcp4" && network != "tcp6" {
			return fmt.Errorf("%w: network %s", ErrForbiddenAddress, network)
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
		}
		if !allowPrivate && !PublicAddress(ap.Addr()) {
			return fmt.Errorf("%w: %s", ErrForbiddenAddress, ap.Addr())
		}
		return nil
	}
}

// specialPrefixes are address blocks that are not the public internet,
// beyond those netip classifies: shared address space for carrier NAT,
// benchmarking, documentation, IPv4 reserved and broadcast, IPv6
// documentation, discard and NAT64's embedded IPv4.
var specialPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("100::/64"),
	netip.MustParsePrefix("2001:db8::/32"),
}

// PublicAddress reports whether a feed may be fetched from addr: it is a
// global unicast address, not private, loopback, link-local, multicast,
// unspecified or in a block set aside for special use.
func PublicAddress(addr netip.Addr) bool {
	addr = addr.Unmap()
	if !addr.IsValid() || !addr.IsGlobalUnicast() || addr.IsPrivate() || addr.IsLoopback() ||
		addr.IsLinkLocalUnicast() || addr.IsMulticast() || addr.IsUnspecified() {
		return false
	}
	for _, p := range specialPrefixes {
		if p.Contains(addr) {
			return false
		}
	}
	return true
}
