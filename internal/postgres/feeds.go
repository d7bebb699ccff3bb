package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// feedColumns reads a feed with its last run, if any, from feeds f left
// joined to its latest run r.
const feedColumns = `f.id, f.name, f.url, f.every, f.paused, f.version, f.created_at,
	r.id, r.started_at, r.finished_at, r.by_hand, r.added, r.changed, r.unchanged, r.held, r.error`

const feedFrom = ` FROM feeds f LEFT JOIN feed_runs r ON r.id = (SELECT max(id) FROM feed_runs WHERE feed_id = f.id)`

const feedRunColumns = `id, feed_id, started_at, finished_at, by_hand, added, changed, unchanged, held, error`

func scanFeed(row pgx.Row) (directory.Feed, error) {
	var f directory.Feed
	var runID, added, changed, unchanged, held *int64
	var started, finished, runErr *string
	var byHand *bool
	if err := row.Scan(&f.ID, &f.Name, &f.URL, &f.Every, &f.Paused, &f.Version, &f.CreatedAt,
		&runID, &started, &finished, &byHand, &added, &changed, &unchanged, &held, &runErr); err != nil {
		return f, err
	}
	if runID != nil {
		f.LastRun = &directory.FeedRun{ID: *runID, FeedID: f.ID, StartedAt: *started, FinishedAt: *finished,
			ByHand: *byHand, Added: int(*added), Changed: int(*changed), Unchanged: int(*unchanged),
			Held: int(*held), Error: *runErr}
	}
	return f, nil
}

func feedInTx(ctx context.Context, tx pgx.Tx, id int64, forUpdate bool) (directory.Feed, error) {
	lock := ""
	if forUpdate {
		lock = ` FOR UPDATE OF f`
	}
	f, err := scanFeed(tx.QueryRow(ctx, `SELECT `+feedColumns+feedFrom+` WHERE f.id = $1`+lock, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return f, directory.Errorf(directory.ENOTFOUND, "There is no feed number %d.", id)
	}
	if err != nil {
		return f, fmt.Errorf("read feed %d: %w", id, err)
	}
	return f, nil
}

// checkFeedURL adds a field error when another feed has the address.
func checkFeedURL(ctx context.Context, tx pgx.Tx, f directory.Feed, errs *directory.FieldErrors) error {
	if errs.For("url") != "" {
		return nil
	}
	var taken int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM feeds WHERE url = $1 AND id <> $2`, f.URL, f.ID).Scan(&taken); err != nil {
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
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return f, fmt.Errorf("write feed: %w", err)
	}
	defer tx.Rollback(ctx)
	errs := f.Validate()
	if err := checkFeedURL(ctx, tx, f, &errs); err != nil {
		return f, err
	}
	if len(errs) > 0 {
		return f, errs.Err()
	}
	now := db.now()
	var id int64
	if err := tx.QueryRow(ctx, `INSERT INTO feeds (name, url, every, paused, version, created_at) VALUES ($1, $2, $3, $4, 1, $5) RETURNING id`,
		f.Name, f.URL, f.Every, f.Paused, now).Scan(&id); err != nil {
		return f, fmt.Errorf("register feed: %w", err)
	}
	created, err := feedInTx(ctx, tx, id, false)
	if err != nil {
		return f, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityFeed, key: strconv.FormatInt(id, 10), action: "create",
		after: created, timestamp: now}); err != nil {
		return f, err
	}
	if err := tx.Commit(ctx); err != nil {
		return f, fmt.Errorf("commit new feed: %w", err)
	}
	return created, nil
}

// UpdateFeed saves an admin's edit of a feed with the version check of any
// edit, and audits it.
func (db *DB) UpdateFeed(ctx context.Context, actor directory.Actor, f directory.Feed) (directory.Feed, error) {
	f = f.Tidy()
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return f, fmt.Errorf("write feed: %w", err)
	}
	defer tx.Rollback(ctx)
	current, err := feedInTx(ctx, tx, f.ID, true)
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
	if _, err := tx.Exec(ctx, `UPDATE feeds SET name = $1, url = $2, every = $3, paused = $4, version = version + 1 WHERE id = $5`,
		f.Name, f.URL, f.Every, f.Paused, f.ID); err != nil {
		return f, fmt.Errorf("update feed %d: %w", f.ID, err)
	}
	saved, err := feedInTx(ctx, tx, f.ID, false)
	if err != nil {
		return f, err
	}
	before, after := current, saved
	before.LastRun, after.LastRun = nil, nil
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityFeed, key: strconv.FormatInt(f.ID, 10), action: "update",
		before: before, after: after, timestamp: db.now()}); err != nil {
		return f, err
	}
	if err := tx.Commit(ctx); err != nil {
		return f, fmt.Errorf("commit feed %d: %w", f.ID, err)
	}
	return saved, nil
}

// Feeds returns every registered feed by name, each with its last run.
func (db *DB) Feeds(ctx context.Context) ([]directory.Feed, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+feedColumns+feedFrom+` ORDER BY f.name, f.id`)
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
	f, err := scanFeed(db.pool.QueryRow(ctx, `SELECT `+feedColumns+feedFrom+` WHERE f.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return f, directory.Errorf(directory.ENOTFOUND, "There is no feed number %d.", id)
	}
	if err != nil {
		return f, fmt.Errorf("read feed %d: %w", id, err)
	}
	return f, nil
}

// RecordFeedRun stores what one run of a feed did. It writes no public
// table, so it takes no transaction and leaves the content version alone.
func (db *DB) RecordFeedRun(ctx context.Context, run directory.FeedRun) (directory.FeedRun, error) {
	err := db.pool.QueryRow(ctx, `INSERT INTO feed_runs (feed_id, started_at, finished_at, by_hand, added, changed, unchanged, held, error)
		SELECT id, $1, $2, $3, $4, $5, $6, $7, $8 FROM feeds WHERE id = $9 RETURNING id`,
		run.StartedAt, run.FinishedAt, run.ByHand, run.Added, run.Changed, run.Unchanged, run.Held, run.Error, run.FeedID).Scan(&run.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return run, directory.Errorf(directory.ENOTFOUND, "There is no feed number %d.", run.FeedID)
	}
	if err != nil {
		return run, fmt.Errorf("record run of feed %d: %w", run.FeedID, err)
	}
	return run, nil
}

// FeedRuns returns a feed's latest runs, newest first, at most limit.
func (db *DB) FeedRuns(ctx context.Context, feedID int64, limit int) ([]directory.FeedRun, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+feedRunColumns+` FROM feed_runs WHERE feed_id = $1 ORDER BY id DESC LIMIT $2`, feedID, limit)
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
