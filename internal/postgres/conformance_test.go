package postgres_test

import (
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/postgres/pgtest"
	"github.com/wessex-network/directory/internal/storetest"
)

// TestStore runs the store's conformance suite against PostgreSQL, each case
// on a fresh database of its own.
func TestStore(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) directory.Store { return pgtest.New(tb) })
}
