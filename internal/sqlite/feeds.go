package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/wessex-network/directory/internal/directory"
)

// feedColumns reads a feed with its last run, if any, from feeds f left
// joined to its latest run r.
const feedColumns = `f.id, f.name, f.url, f.every, f.paused, f.version, f.created_at,
	r.id, r.started_at, r.finished_at, r.by_hand, r.added, r.changed, r.unchanged, r.held, r.error`

const feedFrom = ` FROM feeds f LEFT JOIN feed_runs r ON r.id = (SELECT max(id) FROM feed_runs WHERE feed_id = f.id)`

const feedRunColumns = `id, feed_id, started_at, finished_at, by_hand, added, changed, unchanged, held, error`

type rowScanner interface{ Scan(dest ...any) error }

func scanFeed(row rowScanner) (directory.Feed, error) {
	var f directory.Feed
	var runID sql.NullInt64
	var started, finished, runErr sql.NullString
	var byHand sql.NullBool
	var added, changed, unchanged, held sql.NullInt64
	if err := row.Scan(&f.ID, &f.Name, &f.URL, &f.Every, &f.Paused, &f.Version, &f.CreatedAt,
		&runID, &started, &finished, &byHand, &added, &changed, &unchanged, &held, &runErr); err != nil {
		return f, err
	}
	if runID.Valid {
		f.LastRun = &directory.FeedRun{ID: runID.Int64, FeedID: f.ID, StartedAt: started.String, FinishedAt: finished.String,
			ByHand: byHand.Bool, Added: int(added.Int64), Changed: int(changed.Int64), Unchanged: int(unchanged.Int64),
			Held: int(held.Int64), Error: runErr.String}
	}
	return f, nil
}

func feedInTx(ctx context.Context, tx *sql.Tx, id int64) (directory.Feed, error) {
	f, err := scanFeed(tx.QueryRowContext(ctx, `SELECT `+feedColumns+feedFrom+` WHERE f.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, directory.Errorf(directory.ENOTFOUND, "There is no feed number %d.", id)
	}
	if err != nil {
		return f, fmt.Errorf("read feed %d: %w", id, err)
	}
	return f, nil
}

// checkFeedURL adds a field error when another feed has the address.
func checkFeedURL(ctx context.Context, tx *sql.Tx, f directory.Feed, errs *directory.FieldErrors) error {
	if errs.For("url") != "" {
		return nil
	}
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM feeds WHERE url = ? AND id <> ?`, f.URL, f.ID).Scan(&taken); err != nil {
		return fmt.Errorf("check feed address: %w", err)
	}
	if taken > 0 {
		errs.Add("url", "Another registered feed has this address")
	}
	return nil
}

// CreateFeed registers a feed after checking its fields, and audits it.
func (db *DB) CreateFeed(ctx context.Context, actor directory.Actor, f directory.Feed) (directory.Feed, error) {
	f = f.Tidy()
	f.ID = 0
	tx, err := db.writeTx(ctx)
	if err != nil {
		return f, err
	}
	defer tx.Rollback()
	errs := f.Validate()
	if err := checkFeedURL(ctx, tx, f, &errs); err != nil {
		return f, err
	}
	if len(errs) > 0 {
		return f, errs.Err()
	}
	now := db.now()
	res, err := tx.ExecContext(ctx, `INSERT INTO feeds (name, url, every, paused, version, created_at) VALUES (?, ?, ?, ?, 1, ?)`,
		f.Name, f.URL, f.Every, f.Paused, now)
	if err != nil {
		return f, fmt.Errorf("register feed: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return f, fmt.Errorf("register feed: %w", err)
	}
	created, err := feedInTx(ctx, tx, id)
	if err != nil {
		return f, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityFeed, key: strconv.FormatInt(id, 10), action: "create",
		after: created, timestamp: now}); err != nil {
		return f, err
	}
	if err := tx.Commit(); err != nil {
		return f, fmt.Errorf("commit new feed: %w", err)
	}
	return created, nil
}

// UpdateFeed saves an admin's edit of a feed with the version check of any
// edit, and audits it.
func (db *DB) UpdateFeed(ctx context.Context, actor directory.Actor, f directory.Feed) (directory.Feed, error) {
	f = f.Tidy()
	tx, err := db.writeTx(ctx)
	if err != nil {
		return f, err
	}
	defer tx.Rollback()
	current, err := feedInTx(ctx, tx, f.ID)
	if err != nil {
		return f, err
	}
	if current.Version != f.Version {
		return current, &directory.ConflictError{Current: current}
	}
	errs := f.Validate()
	if err := checkFeedURL(ctx, tx, f, &errs); err != nil {
		return f, err
	}
	if len(errs) > 0 {
		return f, errs.Err()
	}
	if _, err := tx.ExecContext(ctx, `UPDATE feeds SET name = ?, url = ?, every = ?, paused = ?, version = version + 1 WHERE id = ?`,
		f.Name, f.URL, f.Every, f.Paused, f.ID); err != nil {
		return f, fmt.Errorf("update feed %d: %w", f.ID, err)
	}
	saved, err := feedInTx(ctx, tx, f.ID)
	if err != nil {
		return f, err
	}
	before, after := current, saved
	before.LastRun, after.LastRun = nil, nil
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityFeed, key: strconv.FormatInt(f.ID, 10), action: "update",
		before: before, after: after, timestamp: db.now()}); err != nil {
		return f, err
	}
	if err := tx.Commit(); err != nil {
		return f, fmt.Errorf("commit feed %d: %w", f.ID, err)
	}
	return saved, nil
}

// Feeds returns every registered feed by name, each with its last run.
func (db *DB) Feeds(ctx context.Context) ([]directory.Feed, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+feedColumns+feedFrom+` ORDER BY f.name, f.id`)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	defer rows.Close()
	var out []directory.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("scan feed: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Feed returns one registered feed with its last run.
func (db *DB) Feed(ctx context.Context, id int64) (directory.Feed, error) {
	f, err := scanFeed(db.read.QueryRowContext(ctx, `SELECT `+feedColumns+feedFrom+` WHERE f.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, directory.Errorf(directory.ENOTFOUND, "There is no feed number %d.", id)
	}
	if err != nil {
		return f, fmt.Errorf("read feed %d: %w", id, err)
	}
	return f, nil
}

// RecordFeedRun stores what one run of a feed did.
func (db *DB) RecordFeedRun(ctx context.Context, run directory.FeedRun) (directory.FeedRun, error) {
	tx, err := db.writeTx(ctx)
	if err != nil {
		return run, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO feed_runs (feed_id, started_at, finished_at, by_hand, added, changed, unchanged, held, error)
		SELECT id, ?, ?, ?, ?, ?, ?, ?, ? FROM feeds WHERE id = ?`,
		run.StartedAt, run.FinishedAt, run.ByHand, run.Added, run.Changed, run.Unchanged, run.Held, run.Error, run.FeedID)
	if err != nil {
		return run, fmt.Errorf("record run of feed %d: %w", run.FeedID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return run, directory.Errorf(directory.ENOTFOUND, "There is no feed number %d.", run.FeedID)
	}
	if run.ID, err = res.LastInsertId(); err != nil {
		return run, fmt.Errorf("record run of feed %d: %w", run.FeedID, err)
	}
	if err := tx.Commit(); err != nil {
		return run, fmt.Errorf("commit run of feed %d: %w", run.FeedID, err)
	}
	return run, nil
}

// FeedRuns returns a feed's latest runs, newest first, at most limit.
func (db *DB) FeedRuns(ctx context.Context, feedID int64, limit int) ([]directory.FeedRun, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+feedRunColumns+` FROM feed_runs WHERE feed_id = ? ORDER BY id DESC LIMIT ?`, feedID, limit)
	if err != nil {
		return nil, fmt.Errorf("list runs of feed %d: %w", feedID, err)
	}
	defer rows.Close()
	var out []directory.FeedRun
	for rows.Next() {
		var r directory.FeedRun
		if err := rows.Scan(&r.ID, &r.FeedID, &r.StartedAt, &r.FinishedAt, &r.ByHand, &r.Added, &r.Changed, &r.Unchanged, &r.Held, &r.Error); err != nil {
			return nil, fmt.Errorf("scan run of feed %d: %w", feedID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
