package postgres

// What the tests of watch.go look at, in the package's own tests only.

// WatchStats is what the content watch has done so far.
type WatchStats struct {
	Hearing     bool   // the listener is listening
	Heard       uint64 // notifications received
	LastHeard   uint64 // the newest version a notification announced
	Listens     uint64 // times the listener connected and began to listen
	DirectReads uint64 // times ContentVersion asked the database
	ListenerPID uint32 // the server process of the listener's latest connection
}

// WatchStats reports what the content watch has done so far.
func (db *DB) WatchStats() WatchStats {
	w := &db.watch
	return WatchStats{Hearing: w.hearing.Load(), Heard: w.heard.Load(), LastHeard: w.lastHeard.Load(),
		Listens: w.listens.Load(), DirectReads: w.directReads.Load(), ListenerPID: w.listenerPID.Load()}
}

// WatchDone is closed once the listener and the poll have stopped.
func (db *DB) WatchDone() <-chan struct{} { return db.watch.done }

// StopWatching stops the listener and the poll, as Close does, but leaves
// the pool open: the DB goes on as one that cannot hear.
func (db *DB) StopWatching() { db.stopWatch() }

// ListenerAppSuffix ends the application_name of the listener's connection.
const ListenerAppSuffix = listenerAppSuffix
