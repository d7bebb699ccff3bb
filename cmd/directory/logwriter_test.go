package main

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// countingSink records each write it is given.
type countingSink struct {
	mu     sync.Mutex
	writes int
	text   strings.Builder
}

func (s *countingSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes++
	return s.text.Write(p)
}

func (s *countingSink) snapshot() (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writes, s.text.String()
}

func TestLogWriterGathersLinesAndWritesThemSoon(t *testing.T) {
	sink := &countingSink{}
	w := newLogWriter(sink)
	for range 100 {
		w.Write([]byte("a line\n"))
	}
	if n, _ := sink.snapshot(); n != 0 {
		t.Errorf("%d writes straight away; lines should wait to be written together", n)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if n, text := sink.snapshot(); n > 0 {
			if n != 1 || strings.Count(text, "a line\n") != 100 {
				t.Errorf("%d writes holding %d lines, want 1 holding 100", n, strings.Count(text, "a line\n"))
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the lines were never written out")
		}
		time.Sleep(10 * time.Millisecond)
	}

	w.Write([]byte("the last line\n"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, text := sink.snapshot(); !strings.HasSuffix(text, "the last line\n") {
		t.Error("Close did not write out the line still held")
	}
	w.Write([]byte("after close\n"))
	if _, text := sink.snapshot(); !strings.HasSuffix(text, "after close\n") {
		t.Error("a line after Close was not written at once")
	}
}
