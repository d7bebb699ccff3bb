package pgtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Cluster is a PostgreSQL server of a test's own, in a temporary folder, for
// tests that must stop and start the server under running processes. It
// listens on 127.0.0.1 alone, trusts local connections, and is removed when
// the test ends. It trades durability for speed only where a crash of the
// whole machine is concerned (fsync off); a stop and start keep every
// committed write.
type Cluster struct {
	tb   testing.TB
	bin  string   // the server's binaries
	as   []string // how to run them as the cluster's owner
	dir  string
	port int
	user string
}

// StartCluster makes and starts a new cluster from Debian's PostgreSQL
// package (PG_BIN, or the newest /usr/lib/postgresql/*/bin). Without one the
// test is skipped, or on CI (CI=true) failed. As root the cluster runs as the
// postgres user, since initdb refuses root.
func StartCluster(tb testing.TB) *Cluster {
	tb.Helper()
	bin := os.Getenv("PG_BIN")
	if bin == "" {
		found, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
		sort.Slice(found, func(i, j int) bool { return versionOf(found[i]) < versionOf(found[j]) })
		if len(found) > 0 {
			bin = found[len(found)-1]
		}
	}
	if _, err := os.Stat(filepath.Join(bin, "initdb")); bin == "" || err != nil {
		msg := "pgtest: no PostgreSQL server to start (set PG_BIN, or apt-get install postgresql-15)"
		if onCI() {
			tb.Fatal(msg + "; on CI (CI=true) the PostgreSQL tests must run, not skip")
		}
		tb.Skip(msg)
	}
	c := &Cluster{tb: tb, bin: bin}
	me, err := user.Current()
	if err != nil {
		tb.Fatal(err)
	}
	c.user = me.Username
	dir, err := os.MkdirTemp("", "pgtest-cluster-")
	if err != nil {
		tb.Fatal(err)
	}
	c.dir = dir
	tb.Cleanup(func() {
		c.run("pg_ctl", "stop", "-D", c.data(), "-m", "immediate", "-s")
		os.RemoveAll(dir)
	})
	if me.Uid == "0" {
		owner, err := user.Lookup("postgres")
		if err != nil {
			tb.Fatalf("pgtest: running as root needs the postgres user: %v", err)
		}
		uid, _ := strconv.Atoi(owner.Uid)
		gid, _ := strconv.Atoi(owner.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			tb.Fatal(err)
		}
		c.as, c.user = []string{"runuser", "-u", "postgres", "--"}, "postgres"
	}
	if out, err := c.run("initdb", "-D", c.data(), "-U", c.user, "-A", "trust", "-E", "UTF8",
		"--locale=C.UTF-8", "--no-sync", "--no-instructions"); err != nil {
		tb.Fatalf("pgtest: initdb: %v\n%s", err, out)
	}
	c.port = freePort(tb)
	c.Start()
	return c
}

// versionOf reads the major version from a path like /usr/lib/postgresql/15/bin.
func versionOf(bin string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(bin)))
	return n
}

func freePort(tb testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func (c *Cluster) data() string { return filepath.Join(c.dir, "data") }

func (c *Cluster) run(tool string, args ...string) ([]byte, error) {
	argv := append(append([]string{}, c.as...), append([]string{filepath.Join(c.bin, tool)}, args...)...)
	return exec.Command(argv[0], argv[1:]...).CombinedOutput()
}

// Start starts the server, on the same port each time, and waits until it
// takes connections.
func (c *Cluster) Start() {
	c.tb.Helper()
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c max_connections=200", c.port, c.dir)
	if out, err := c.run("pg_ctl", "start", "-D", c.data(), "-w", "-t", "60", "-s", "-l", filepath.Join(c.dir, "server.log"), "-o", opts); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
		c.tb.Fatalf("pgtest: start the cluster: %v\n%s\n%s", err, out, log)
	}
}

// Stop stops the server at once, as a crash would, cutting every
// connection; committed writes survive, as PostgreSQL's log replays them.
func (c *Cluster) Stop() {
	c.tb.Helper()
	if out, err := c.run("pg_ctl", "stop", "-D", c.data(), "-m", "immediate", "-s"); err != nil {
		c.tb.Fatalf("pgtest: stop the cluster: %v\n%s", err, out)
	}
}

// URL returns a connection string for a database on the cluster, creating
// it first when it is not "postgres".
func (c *Cluster) URL(database string) string {
	c.tb.Helper()
	if database != "postgres" {
		if out, err := c.run("createdb", "-h", "127.0.0.1", "-p", strconv.Itoa(c.port), "-U", c.user, database); err != nil && !strings.Contains(string(out), "already exists") {
			c.tb.Fatalf("pgtest: createdb %s: %v\n%s", database, err, out)
		}
	}
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable", c.user, c.port, database)
}
