package jobs_test

import (
	"github.com/jackc/pgx/v5"
	"time"

	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/sqlite"
)

type sqliteDB = sqlite.DB
type postgresDB = postgres.DB

func (s sqliteStore) setNow(now func() time.Time)   { s.Now = now }
func (s postgresStore) setNow(now func() time.Time) { s.Now = now }

// pgxTx is the transaction type of River's PostgreSQL driver.
type pgxTx = pgx.Tx
