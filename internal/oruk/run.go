package oruk

import (
	"context"

	"github.com/wessex-network/directory/internal/directory"
)

// Store is what an import needs of the directory's store.
type Store interface {
	Areas(ctx context.Context) ([]directory.Area, error)
	ServiceTypes(ctx context.Context) ([]directory.ServiceType, error)
	Import(ctx context.Context, actor directory.Actor, batch directory.ImportBatch, dryRun bool) ([]directory.ImportOutcome, error)
}

// Import reads a feed, checks all of it, and only if every document and
// record passes hands the records to the store in one batch: all or nothing.
// A dry run reports what would be added, changed or left alone and writes
// nothing. The error is for a failure of the machinery, never for a bad feed:
// that is in the report.
func Import(ctx context.Context, store Store, src Source, schemas *Schemas, actor directory.Actor, dryRun bool, id IDFunc) (*directory.ImportReport, error) {
	feed, report, err := ReadFeed(ctx, src, schemas)
	if err != nil {
		return nil, err
	}
	report.DryRun = dryRun
	types, err := store.ServiceTypes(ctx)
	if err != nil {
		return nil, err
	}
	areas, err := store.Areas(ctx)
	if err != nil {
		return nil, err
	}
	batch, problems, notes := NewCatalog(types, nil, id).ToBatch(feed, areas)
	report.Notes = append(report.Notes, notes...)
	if !report.OK() {
		return report, nil
	}
	report.Problems = append(report.Problems, problems...)
	if !report.OK() {
		return report, nil
	}
	return report, directory.ApplyImport(ctx, store, actor, batch, report)
}
