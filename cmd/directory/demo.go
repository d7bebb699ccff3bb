package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/wessex-network/directory/internal/demo"
	"github.com/wessex-network/directory/internal/sqlite"
)

// demoDataCommand writes a synthetic England into a new database file, for
// testing the directory at national scale. It never touches a database that
// already holds data, and marks the new one synthetic before anything else,
// so no made-up service can sit unmarked beside real ones.
func demoDataCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("demo-data", flag.ContinueOnError)
	dbPath := fl.String("db", "", "new database file to write the synthetic data into (required; never the real one)")
	services := fl.Int("services", demo.National.Services, "how many synthetic services to make")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *dbPath == "" {
		return errors.New("demo-data: give the new database file with -db; synthetic data never goes into the default database")
	}
	start := time.Now()
	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	empty, err := db.Empty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("demo-data: %s already holds a dataset; synthetic data goes only into a new database", *dbPath)
	}
	if err := db.MarkSynthetic(ctx); err != nil {
		return err
	}
	size := demo.National
	size.Services = *services
	ds := demo.England(size)
	made := time.Since(start)
	res, err := db.Load(ctx, ds)
	if err != nil {
		return fmt.Errorf("load synthetic data: %w", err)
	}
	links := 0
	for _, s := range ds.Services {
		links += len(s.Areas)
	}
	fmt.Fprintf(stdout, "Wrote a synthetic England (%s) into %s: %s, %d links from services to areas.\n",
		demo.Notice, *dbPath, res, links)
	fmt.Fprintf(stdout, "Took %s: %s to make it in memory, %s to load it in one transaction.\n",
		time.Since(start).Round(time.Millisecond), made.Round(time.Millisecond), (time.Since(start) - made).Round(time.Millisecond))
	return nil
}
