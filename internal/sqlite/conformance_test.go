package sqlite_test

import (
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
	"github.com/wessex-network/directory/internal/storetest"
)

// TestStore runs the store's conformance suite against SQLite.
func TestStore(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) directory.Store { return sqlitetest.Open(tb) })
}
