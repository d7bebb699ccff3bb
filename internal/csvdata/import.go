package csvdata

import (
	"context"
	"fmt"
	"io"

	"github.com/wessex-network/directory/internal/directory"
)

// Import reads services from a CSV file, checks every row, and only if all
// pass hands them to the store in one batch: all or nothing, matched by uuid
// (or by slug where the uuid cell is empty). A dry run reports what would be
// added, changed or left alone and writes nothing. The error is for a failure
// of the machinery, never for a bad file: that is in the report.
func Import(ctx context.Context, store directory.ImportStore, r io.Reader, source string, actor directory.Actor, dryRun bool) (*directory.ImportReport, error) {
	report := &directory.ImportReport{Source: source, DryRun: dryRun}
	services, problems := ReadServices(r, source)
	for _, p := range problems {
		report.Problems = append(report.Problems, directory.ImportProblem{Where: fmt.Sprintf("row %d", p.Row), Field: p.Column, Message: p.Message})
	}
	if !report.OK() {
		return report, nil
	}
	batch := directory.ImportBatch{Source: "the CSV file " + source, Services: services}
	return report, directory.ApplyImport(ctx, store, actor, batch, report)
}
