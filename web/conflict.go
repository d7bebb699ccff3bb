package web

import "github.com/wessex-network/directory/internal/directory"

// ConflictRow is one field of a record on the conflict page: the value now
// stored beside the value the person submitted.
type ConflictRow struct {
	Label     string
	Stored    string
	Submitted string
}

// Differs reports whether the stored and submitted values are not the same.
func (r ConflictRow) Differs() bool { return r.Stored != r.Submitted }

// Compared names one field of a record of type T and says how to write it
// as text, so that two versions of the record can be set side by side.
type Compared[T any] struct {
	Label string
	Value func(T) string
}

// ConflictRows sets the stored and submitted versions of a record side by
// side, one row for each field, in the order the fields are given.
func ConflictRows[T any](stored, submitted T, fields []Compared[T]) []ConflictRow {
	rows := make([]ConflictRow, len(fields))
	for i, f := range fields {
		rows[i] = ConflictRow{Label: f.Label, Stored: f.Value(stored), Submitted: f.Value(submitted)}
	}
	return rows
}

// ConflictView is what the conflict page shows when an edit started from a
// version that is no longer the stored one.
type ConflictView struct {
	User     directory.User
	Title    string // what was being edited, such as "Service type: Home-Start"
	Rows     []ConflictRow
	EditHref string // the edit form, which starts again from the stored version
	BackHref string // where to go to give up, such as the list of records
}

// differences counts the rows whose values differ.
func differences(rows []ConflictRow) int {
	n := 0
	for _, r := range rows {
		if r.Differs() {
			n++
		}
	}
	return n
}

// orEmpty writes an empty value in words, so that a blank cell is not mistaken
// for a missing one.
func orEmpty(s string) string {
	if s == "" {
		return "(empty)"
	}
	return s
}
