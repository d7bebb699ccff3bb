package postgres_test

import (
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/postgres/pgtest"
	"github.com/wessex-network/directory/internal/storetest"
)

// BenchmarkStoreWrites measures one audited change to a service on
// PostgreSQL (storetest.BenchWrites).
func BenchmarkStoreWrites(b *testing.B) {
	storetest.BenchWrites(b, func(tb testing.TB) directory.Store { return pgtest.New(tb) })
}
