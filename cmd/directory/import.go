package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/wessex-network/directory/internal/csvdata"
	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk"
)

const importUsage = `Usage:
  directory import oruk [-dry-run] [-oruk-schemas DIR] [-db PATH] SOURCE
      SOURCE is a folder of saved Open Referral UK responses or the base address of a live API.
  directory import csv  [-dry-run] [-db PATH] FILE
      FILE is a CSV of services in the columns that "directory export services" writes:
      a row is matched by uuid, or by slug where uuid is empty; an empty cell keeps the stored value.
`

// importActor is who the audit log says made an import from the command line.
var importActor = directory.Actor{Name: "import"}

// schemasFlag adds -oruk-schemas, a folder of the Open Referral UK JSON
// schemas to check every feed against instead of the copy the directory
// carries, such as a newer release of the standard.
func schemasFlag(fl *flag.FlagSet) *string {
	return fl.String("oruk-schemas", env("ORUK_SCHEMAS", ""), "folder of Open Referral UK 3.0 JSON schemas to use instead of the built-in copy")
}

// openSchemas returns the schemas in dir, or the built-in copy when dir is
// empty.
func openSchemas(dir string) (*oruk.Schemas, error) {
	if dir == "" {
		return oruk.EmbeddedSchemas(), nil
	}
	s, err := oruk.NewSchemas(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("-oruk-schemas (ORUK_SCHEMAS) %s is not a folder of the standard's schemas: %w", dir, err)
	}
	return s, nil
}

// importCommand imports records from an Open Referral UK feed or a CSV file.
func importCommand(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, importUsage)
		return errors.New("import: say oruk or csv")
	}
	fl := flag.NewFlagSet("import "+args[0], flag.ContinueOnError)
	store, schemaDir := addStoreFlags(fl), schemasFlag(fl)
	dryRun := fl.Bool("dry-run", false, "report what would be added, changed or left alone, and write nothing")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		fmt.Fprint(stdout, importUsage)
		return errors.New("import: give one source")
	}
	db, err := store.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "csv":
		f, err := os.Open(fl.Arg(0))
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		res, err := csvdata.Import(ctx, db, f, filepath.Base(fl.Arg(0)), importActor, *dryRun)
		if err != nil {
			return err
		}
		return printImport(stdout, res)
	case "oruk":
		schemas, err := openSchemas(*schemaDir)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		res, err := oruk.Import(ctx, db, oruk.OpenSource(fl.Arg(0)), schemas, importActor, *dryRun, directory.StableUUID)
		if err != nil {
			return err
		}
		return printImport(stdout, res)
	}
	fmt.Fprint(stdout, importUsage)
	return fmt.Errorf("import: unknown kind %q", args[0])
}

// printImport writes the report: problems, or what was (or would be) done.
func printImport(w io.Writer, res *directory.ImportReport) error {
	for _, n := range res.Notes {
		fmt.Fprintln(w, "Note:", n)
	}
	if !res.OK() {
		fmt.Fprintf(w, "%s was refused. Nothing was written. Problems:\n", res.Source)
		for _, p := range res.Problems {
			fmt.Fprintln(w, "  -", p)
		}
		return fmt.Errorf("import refused: %d problems", len(res.Problems))
	}
	for _, o := range res.Outcomes {
		fmt.Fprintf(w, "%-9s %s %s (%s)\n", o.Action, o.Entity, o.Name, o.UUID)
		for _, c := range o.Changes {
			fmt.Fprintf(w, "          %s: %q -> %q\n", c.Label, c.Before, c.After)
		}
	}
	added, changed, unchanged := directory.ImportSummary(res.Outcomes)
	verb := "Imported"
	if res.DryRun {
		verb = "Dry run, nothing written: would import"
	}
	held := ""
	if n := directory.ImportHeldCount(res.Outcomes); n > 0 {
		held = fmt.Sprintf(", %d held for staff (no area of this directory matched)", n)
	}
	fmt.Fprintf(w, "%s %s: %d added, %d changed, %d left alone%s.\n", verb, res.Source, added, changed, unchanged, held)
	return nil
}
