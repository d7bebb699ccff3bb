package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"time"
)

// serveBaseline is the baseline: a bare Go handler that writes the same
// bytes from memory, with no router, middleware, logging or cache. It runs
// in its own process, as the directory does, until it is killed.
func serveBaseline(addr, file, contentType string) error {
	body, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("read baseline body: %w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	return http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	}))
}

// startBaseline runs this program again in baseline mode, serving body.
func startBaseline(dir string, body []byte, contentType string) (*exec.Cmd, string, error) {
	file, err := os.CreateTemp(dir, "baseline-*")
	if err != nil {
		return nil, "", err
	}
	if _, err := file.Write(body); err != nil {
		return nil, "", err
	}
	file.Close()
	addr, err := freeAddr()
	if err != nil {
		return nil, "", err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, "", err
	}
	cmd := exec.Command(self, "-baseline-serve", file.Name(), "-baseline-type", contentType, "-baseline-addr", addr)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("start baseline: %w", err)
	}
	if _, err := waitHealthy("http://"+addr+"/", 10*time.Second); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, "", err
	}
	return cmd, addr, nil
}
