package sqlite_test

import (
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
	"github.com/wessex-network/directory/internal/storetest"
)

// BenchmarkStoreWrites measures one audited change to a service on SQLite
// (storetest.BenchWrites).
func BenchmarkStoreWrites(b *testing.B) {
	storetest.BenchWrites(b, func(tb testing.TB) directory.Store { return sqlitetest.Open(tb) })
}
