package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/wessex-network/directory/internal/csvdata"
	"github.com/wessex-network/directory/internal/directory"
)

const exportUsage = `Usage:
  directory export services   [-db PATH]                  the active services, in the columns "import csv" reads
  directory export coverage   [-db PATH] [-as-of DATE]    the coverage matrix as it stood on a date (default today)
  directory export indicators [-db PATH]                  one row per indicator value
Each writes CSV to standard output.
`

// exportCommand writes one of the directory's tables as CSV to stdout.
func exportCommand(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, exportUsage)
		return errors.New("export: say services, coverage or indicators")
	}
	fl := flag.NewFlagSet("export "+args[0], flag.ContinueOnError)
	store := addStoreFlags(fl)
	asOf := fl.String("as-of", "", "for coverage: the date, YYYY-MM-DD (default today)")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	db, err := store.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "services":
		services, err := db.Services(ctx, directory.ServiceFilter{})
		if err != nil {
			return err
		}
		return csvdata.WriteServices(stdout, services)
	case "coverage":
		m, err := db.Matrix(ctx, *asOf)
		if err != nil {
			return err
		}
		return csvdata.WriteCoverage(stdout, m)
	case "indicators":
		indicators, err := db.Indicators(ctx)
		if err != nil {
			return err
		}
		return csvdata.WriteIndicators(stdout, indicators)
	}
	fmt.Fprint(stdout, exportUsage)
	return fmt.Errorf("export: unknown table %q", args[0])
}
