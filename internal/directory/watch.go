package directory

import "context"

// Watch is a staff member's wish to hear of every change to a service or a
// coverage cell, by a digest mail.
type Watch struct {
	UserID    int64
	Entity    string // EntityService or EntityCoverageCell
	Key       string // the service's slug, or "service-type/area" for a cell
	CreatedAt string // RFC 3339
}

// Watchable reports whether staff may watch records of the entity.
func Watchable(entity string) bool {
	return entity == EntityService || entity == EntityCoverageCell
}

// WatchStore keeps what staff watch, and how far each has been told.
// Watching changes no public page, and nothing here is audited: it is a
// person's own setting, like a bookmark.
type WatchStore interface {
	// Watch adds a watch, or leaves one that is there. A record that does
	// not exist gives an ENOTFOUND error, and an entity that cannot be
	// watched an EINVALID one. The first watch starts the user's digest
	// from now, so it tells of changes from here on.
	Watch(ctx context.Context, userID int64, entity, key string) error
	// Unwatch removes a watch, if there is one.
	Unwatch(ctx context.Context, userID int64, entity, key string) error
	// Watches returns what a user watches, in the order they began.
	Watches(ctx context.Context, userID int64) ([]Watch, error)
	// WatchedChanges returns the audit records, oldest first, of what the
	// user watches, made by someone else since the user's last digest, and
	// the id of the latest audit record looked at, for MarkWatchDigest.
	WatchedChanges(ctx context.Context, userID int64) ([]AuditEntry, int64, error)
	// MarkWatchDigest records that the user has been told of every change
	// up to the audit record upTo.
	MarkWatchDigest(ctx context.Context, userID int64, upTo int64) error
}
