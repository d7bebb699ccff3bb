package directory

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// EntityOrganisation is the audit log's name for an organisation.
const EntityOrganisation = "organisation"

// ImportBatch is a set of records from outside the directory, such as an Open
// Referral UK feed or a CSV file, to be added or updated together: all of
// them or none. Records are matched to the directory's by UUID, so importing
// the same batch again updates rather than duplicates.
type ImportBatch struct {
	Source        string // where the records came from, for the audit log
	Organisations []Organisation
	// Services name their organisation by UUID alone; it must be in the batch
	// or in the directory already.
	Services []Service
}

// What an import does to a record.
const (
	ImportAdd       = "add"
	ImportChange    = "change"
	ImportUnchanged = "unchanged"
)

// ImportOutcome is what an import did, or in a dry run would do, to one record.
type ImportOutcome struct {
	Entity  string // EntityService or EntityOrganisation
	UUID    string
	Slug    string
	Name    string
	Action  string // ImportAdd, ImportChange, ImportUnchanged or ImportHeld
	Changes []FieldChange
}

// ImportSummary counts the outcomes by action.
func ImportSummary(outcomes []ImportOutcome) (added, changed, unchanged int) {
	for _, o := range outcomes {
		switch o.Action {
		case ImportAdd:
			added++
		case ImportChange:
			changed++
		case ImportHeld:
			// counted by ImportHeldCount
		default:
			unchanged++
		}
	}
	return added, changed, unchanged
}

// ImportHeldCount counts the services an import holds back, or in a dry run
// would.
func ImportHeldCount(outcomes []ImportOutcome) int {
	n := 0
	for _, o := range outcomes {
		if o.Action == ImportHeld {
			n++
		}
	}
	return n
}

// Fields lists an organisation's fields, for history and import reports.
func (o Organisation) Fields() []FieldValue {
	return []FieldValue{
		{"Name", o.Name},
		{"Kind", o.Kind},
		{"Description", o.Description},
		{"Website", o.Website},
		{"Source", o.Source},
	}
}

// MergeImported lays an imported version of a service over the stored one.
// The import speaks for every field it fills; a field it leaves empty keeps
// the stored value, so an import never blanks what staff recorded. The
// summary and the source are the directory's own: an import writes them only
// for a service the directory does not have, and the audit log records where
// each later update came from.
func MergeImported(current, in Service) Service {
	next := current
	pick := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	keep := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	pick(&next.Name, in.Name)
	pick(&next.ServiceType, in.ServiceType)
	keep(&next.Summary, in.Summary)
	pick(&next.Description, in.Description)
	pick(&next.Eligibility, in.Eligibility)
	pick(&next.HowToAccess, in.HowToAccess)
	pick(&next.Contact.Phone, in.Contact.Phone)
	pick(&next.Contact.Email, in.Contact.Email)
	pick(&next.Contact.Website, in.Contact.Website)
	pick(&next.Contact.Address, in.Contact.Address)
	pick(&next.Contact.OpeningHours, in.Contact.OpeningHours)
	switch {
	case in.Status == "" || in.Status == current.Status:
	case in.Status == StatusActive && current.Status != StatusArchived:
		// A feed that says "active" of a service staff recorded as
		// scheduled, temporarily closed or ended brings no news of it.
	default:
		next = StatusChange{Status: in.Status}.Apply(next, "")
	}
	keep(&next.Source, in.Source)
	if in.LastReviewed != "" && in.LastReviewed != current.LastReviewed {
		next.LastReviewed, next.ReviewDue = in.LastReviewed, ""
	}
	if in.Organisation != nil {
		next.Organisation = in.Organisation
	}
	if in.Stages != nil {
		next.Stages = in.Stages
	}
	if in.Audiences != nil {
		next.Audiences = in.Audiences
	}
	if in.Access != nil {
		next.Access = in.Access
	}
	if in.Interventions != nil {
		next.Interventions = in.Interventions
	}
	if in.Areas != nil {
		next.Areas = in.Areas
	}
	return next
}

// ImportProblem is one reason an import was refused: where (a document of a
// feed, or a row of a file), the record (its id and name, where known), the
// field, and what is wrong.
type ImportProblem struct {
	Where   string
	Record  string
	Field   string
	Message string
}

// String reads the problem as one line.
func (p ImportProblem) String() string {
	s := p.Where
	if p.Record != "" {
		s += ", " + p.Record
	}
	if p.Field != "" {
		s += ", field " + p.Field
	}
	return s + ": " + p.Message
}

// ImportReport is the whole story of one import or dry run: problems that
// refused it, notes that did not, and what was (or would be) done.
type ImportReport struct {
	Source   string
	Problems []ImportProblem
	Notes    []string
	Outcomes []ImportOutcome
	DryRun   bool
	Applied  bool // true when the records were written
}

// OK reports whether nothing refused the import.
func (r *ImportReport) OK() bool { return len(r.Problems) == 0 }

// Refuse adds the record-by-record problems of a refused batch, as the
// store reports them, to the report.
func (r *ImportReport) Refuse(err error) {
	var v *ValidationError
	if errors.As(err, &v) {
		for _, fe := range v.Fields {
			r.Problems = append(r.Problems, ImportProblem{Where: r.Source, Record: fe.Field, Message: fe.Message})
		}
		return
	}
	r.Problems = append(r.Problems, ImportProblem{Where: r.Source, Message: ErrorMessage(err)})
}

// ImportStore is the store's side of an import.
type ImportStore interface {
	Import(ctx context.Context, actor Actor, batch ImportBatch, dryRun bool) ([]ImportOutcome, error)
}

// ApplyImport hands a checked batch to the store, recording in the report
// what was (or in a dry run would be) done, or each record the store refused.
// The error is for a failure of the machinery, never for a bad record.
func ApplyImport(ctx context.Context, store ImportStore, actor Actor, batch ImportBatch, report *ImportReport) error {
	outcomes, err := store.Import(ctx, actor, batch, report.DryRun)
	if ErrorCode(err) == EINVALID {
		report.Refuse(err)
		return nil
	}
	if err != nil {
		return err
	}
	report.Outcomes, report.Applied = outcomes, !report.DryRun
	return nil
}

// ImportHeld is the action for a service an import holds back: the feed
// names no area of this directory, so it is stored archived, on no public
// page and attached to no area, until staff give it areas or reject it.
const ImportHeld = "held"

// Held states.
const (
	HeldWaiting  = "held"
	HeldRejected = "rejected"
)

// HeldService is a service an import held back, with the places its feed
// named.
type HeldService struct {
	Service   Service
	FeedAreas []string
	State     string // HeldWaiting or HeldRejected
	Reason    string // why staff rejected it
	HeldAt    string
}

// HeldStore keeps the services imports could not place.
type HeldStore interface {
	// HeldServices lists the services waiting for staff, oldest first.
	HeldServices(ctx context.Context) ([]HeldService, error)
	// ApproveHeld gives a held service its areas and publishes it.
	ApproveHeld(ctx context.Context, actor Actor, slug string, version int, areas []string) (Service, error)
	// RejectHeld keeps a held service off the directory, with a reason.
	RejectHeld(ctx context.Context, actor Actor, slug string, version int, reason string) error
	// IsHeld reports whether an import holds the service (waiting or
	// rejected), so that no public page or API shows it. A held service
	// that staff return to active is held no longer.
	IsHeld(ctx context.Context, serviceID int64) (bool, error)
}

// HeldFingerprint is a hash of what a feed says about a held service, so a
// later import can tell whether the feed changed a rejected one.
func HeldFingerprint(s Service) string {
	h := sha256.New()
	for _, f := range s.Fields() {
		fmt.Fprintf(h, "%s\x00%s\x00", f.Label, f.Value)
	}
	for _, a := range s.HeldAreas {
		fmt.Fprintf(h, "area\x00%s\x00", a)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ValidateHeld applies the rules of Validate but for areas, which a held
// service has none of.
func (s Service) ValidateHeld() FieldErrors {
	var out FieldErrors
	for _, fe := range s.Validate() {
		if fe.Field != "areas" {
			out = append(out, fe)
		}
	}
	return out
}
