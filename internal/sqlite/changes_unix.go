//go:build unix

package sqlite

import (
	"os"

	"golang.org/x/sys/unix"
)

// mapHeader maps the first page of the -shm file into memory, read-only and
// shared, so the WAL-index header can be read without a system call. It
// returns nil when the file is too small or cannot be mapped; the header is
// then read with pread instead. SQLite never shrinks the file while any
// connection has it open, and this process keeps its connections open until
// the database is closed, which unmaps it first.
func mapHeader(f *os.File) []byte {
	const size = 4096
	if st, err := f.Stat(); err != nil || st.Size() < size {
		return nil
	}
	b, err := unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil
	}
	return b
}

func unmapHeader(b []byte) error {
	if b == nil {
		return nil
	}
	return unix.Munmap(b)
}
