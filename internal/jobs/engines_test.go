package jobs_test

import (
	"time"

	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/sqlite"
)

type sqliteDB = sqlite.DB
type postgresDB = postgres.DB

func (s sqliteStore) setNow(now func() time.Time)   { s.Now = now }
func (s postgresStore) setNow(now func() time.Time) { s.Now = now }
