//go:build !unix

package sqlite

import "os"

// mapHeader maps nothing where there is no mmap; the WAL-index header is read
// with pread instead.
func mapHeader(*os.File) []byte { return nil }

func unmapHeader([]byte) error { return nil }
