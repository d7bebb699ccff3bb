package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// freeAddr returns a loopback address with a free port.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// waitHealthy polls url until it answers 200, and returns when it first did.
func waitHealthy(url string, limit time.Duration) (time.Time, error) {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Now(), nil
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	return time.Time{}, fmt.Errorf("%s did not answer 200 within %s", url, limit)
}

// directory is one running `directory serve`.
type directory struct {
	cmd       *exec.Cmd
	addr      string
	coldStart time.Duration // process start to the first healthy /healthz
}

// startDirectory runs `directory serve` on a loopback port over dbPath, or
// over the PostgreSQL database at dbURL when it is set, with its log in a
// file beside dbPath.
func startDirectory(bin, dbPath, dbURL string) (*directory, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(strings.TrimSuffix(dbPath, filepath.Ext(dbPath)) + "-server.log")
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	cmd := exec.Command(bin, "serve", "-addr", addr, "-db", dbPath)
	if dbURL != "" {
		cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	healthy, err := waitHealthy("http://"+addr+"/healthz", 60*time.Second)
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, err
	}
	return &directory{cmd: cmd, addr: addr, coldStart: healthy.Sub(start)}, nil
}

// peakRSS reads the process's peak resident set size from /proc.
func (d *directory) peakRSS() (string, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", d.cmd.Process.Pid))
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strings.TrimSpace(v), nil
		}
	}
	return "", errors.New("no VmHWM in /proc status")
}

// stop ends the server with SIGTERM and waits for it.
func (d *directory) stop() {
	d.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { d.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		d.cmd.Process.Kill()
		<-done
	}
}

// machine describes where the run happened.
func machine() string {
	var b strings.Builder
	fmt.Fprintf(&b, "- date: %s\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&b, "- CPUs (nproc): %d\n", numCPU())
	if mem := procField("/proc/meminfo", "MemTotal:"); mem != "" {
		fmt.Fprintf(&b, "- memory: %s\n", mem)
	}
	if model := procField("/proc/cpuinfo", "model name"); model != "" {
		fmt.Fprintf(&b, "- CPU: %s\n", strings.TrimLeft(model, ": \t"))
	}
	fmt.Fprintf(&b, "- Go: %s\n", goVersion())
	fmt.Fprintf(&b, "- load average at start (1, 5, 15 min): %s\n", loadAverage())
	return b.String()
}

// loadAverage returns the first three fields of /proc/loadavg.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], ", ")
}

func procField(file, prefix string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), prefix); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
