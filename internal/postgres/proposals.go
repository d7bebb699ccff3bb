package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

const proposalColumns = `p.id, p.kind, coalesce(sv.slug, ''), p.base_version, p.service, o.slug, p.note,
	p.proposer_id, p.proposer_name, p.status, p.created_at, p.decided_at, p.decider_name, p.reason`

const proposalFrom = ` FROM proposals p JOIN organisations o ON o.id = p.organisation_id LEFT JOIN services sv ON sv.id = p.service_id`

func scanProposal(row pgx.Row) (directory.Proposal, error) {
	var p directory.Proposal
	var service string
	if err := row.Scan(&p.ID, &p.Kind, &p.ServiceSlug, &p.BaseVersion, &service, &p.Organisation, &p.Note,
		&p.ProposerID, &p.ProposerName, &p.Status, &p.CreatedAt, &p.DecidedAt, &p.DeciderName, &p.Reason); err != nil {
		return p, err
	}
	if err := json.Unmarshal([]byte(service), &p.Service); err != nil {
		return p, fmt.Errorf("read proposal %d's service: %w", p.ID, err)
	}
	return p, nil
}

func proposalInTx(ctx context.Context, tx pgx.Tx, id int64, forUpdate bool) (directory.Proposal, error) {
	lock := ""
	if forUpdate {
		lock = ` FOR UPDATE OF p`
	}
	p, err := scanProposal(tx.QueryRow(ctx, `SELECT `+proposalColumns+proposalFrom+` WHERE p.id = $1`+lock, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return p, directory.Errorf(directory.ENOTFOUND, "There is no proposal number %d.", id)
	}
	if err != nil {
		return p, fmt.Errorf("find proposal %d: %w", id, err)
	}
	return p, nil
}

// CreateProposal stores a pending proposal by actor, who must be an active
// provider tied to its organisation; an edit must be of that organisation's
// service, from its current version. It writes no public table, so it takes
// a plain transaction and leaves the content version alone.
func (db *DB) CreateProposal(ctx context.Context, actor directory.Actor, p directory.Proposal) (directory.Proposal, error) {
	p = p.Tidy()
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return p, fmt.Errorf("create proposal: %w", err)
	}
	defer tx.Rollback(ctx)
	proposer, err := userInTx(ctx, tx, actor.UserID)
	if err != nil {
		return p, err
	}
	if !proposer.SpeaksFor(p.Organisation) {
		return p, directory.Errorf(directory.EFORBIDDEN, "You can propose changes only to the services of your own organisations.")
	}
	var serviceID *int64
	switch p.Kind {
	case directory.ProposalEdit:
		current, err := serviceInTx(ctx, tx, p.ServiceSlug)
		if err != nil {
			return p, err
		}
		if orgSlug(current) != p.Organisation {
			return p, directory.Errorf(directory.EFORBIDDEN, "You can propose changes only to the services of your own organisations.")
		}
		if p.BaseVersion > 0 && p.BaseVersion != current.Version {
			return p, &directory.ConflictError{Current: current}
		}
		p.Service = directory.ProposedEdit(current, p.Service)
		serviceID = &current.ID
	case directory.ProposalNew:
		org, err := organisationInTx(ctx, tx, p.Organisation)
		if err != nil {
			return p, err
		}
		p.Service = directory.ProposedService(org, p.Service)
	}
	errs := p.Validate()
	if p.Kind == directory.ProposalNew && errs.For("slug") == "" {
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM services WHERE slug = $1)`, p.Service.Slug).Scan(&taken); err != nil {
			return p, fmt.Errorf("check slug: %w", err)
		}
		if taken {
			errs.Add("slug", "Another service already uses this web address name")
		}
	}
	if err := errs.Err(); err != nil {
		return p, err
	}
	if err := checkReferences(ctx, tx, p.Service); err != nil {
		return p, err
	}
	service, err := json.Marshal(p.Service)
	if err != nil {
		return p, fmt.Errorf("encode the proposed service: %w", err)
	}
	var id int64
	if err := tx.QueryRow(ctx, `
		INSERT INTO proposals (kind, service_id, organisation_id, base_version, service, note, proposer_id, proposer_name, status, created_at)
		VALUES ($1, $2, (SELECT id FROM organisations WHERE slug = $3), $4, $5, $6, $7, $8, 'pending', $9)
		RETURNING id`,
		p.Kind, serviceID, p.Organisation, p.BaseVersion, string(service), p.Note, proposer.ID, proposer.Name, db.now()).Scan(&id); err != nil {
		return p, fmt.Errorf("create proposal: %w", err)
	}
	created, err := proposalInTx(ctx, tx, id, false)
	if err != nil {
		return p, err
	}
	if err := tx.Commit(ctx); err != nil {
		return p, fmt.Errorf("commit new proposal: %w", err)
	}
	return created, nil
}

// Proposal returns one proposal, or ENOTFOUND.
func (db *DB) Proposal(ctx context.Context, id int64) (directory.Proposal, error) {
	p, err := scanProposal(db.pool.QueryRow(ctx, `SELECT `+proposalColumns+proposalFrom+` WHERE p.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return p, directory.Errorf(directory.ENOTFOUND, "There is no proposal number %d.", id)
	}
	if err != nil {
		return p, fmt.Errorf("find proposal %d: %w", id, err)
	}
	return p, nil
}

// Proposals returns the proposals with the given status, oldest first; an
// empty status returns every one.
func (db *DB) Proposals(ctx context.Context, status string) ([]directory.Proposal, error) {
	where, args := "", []any{}
	if status != "" {
		where, args = ` WHERE p.status = $1`, append(args, status)
	}
	return db.listProposals(ctx, where+` ORDER BY p.created_at, p.id`, args...)
}

// ProposalsBy returns the proposals a user made, newest first.
func (db *DB) ProposalsBy(ctx context.Context, userID int64) ([]directory.Proposal, error) {
	return db.listProposals(ctx, ` WHERE p.proposer_id = $1 ORDER BY p.created_at DESC, p.id DESC`, userID)
}

func (db *DB) listProposals(ctx context.Context, where string, args ...any) ([]directory.Proposal, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+proposalColumns+proposalFrom+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list proposals: %w", err)
	}
	defer rows.Close()
	var out []directory.Proposal
	for rows.Next() {
		p, err := scanProposal(rows)
		if err != nil {
			return nil, fmt.Errorf("scan proposal: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list proposals: %w", err)
	}
	return out, nil
}

// ApproveProposal applies a pending proposal, as staff may have edited it
// (s), in one transaction that locks the proposal and then the service: an
// edit with the version check of any edit of the service, a new service as
// staff's CreateService would add it. The service's audit record is by the
// decider, with a reason that names the proposer; the proposal's own record
// says who decided.
func (db *DB) ApproveProposal(ctx context.Context, actor directory.Actor, id int64, s directory.Service, reason string) (directory.Service, error) {
	reason = strings.TrimSpace(reason)
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return s, fmt.Errorf("approve proposal %d: %w", id, err)
	}
	defer tx.Rollback(ctx)
	before, err := pendingProposal(ctx, tx, actor, id)
	if err != nil {
		return s, err
	}
	why, now := directory.ApprovalReason(before, reason), db.now()
	var saved directory.Service
	switch before.Kind {
	case directory.ProposalEdit:
		current, err := lockService(ctx, tx, before.ServiceSlug)
		if err != nil {
			return s, err
		}
		if current.Version != s.Version {
			return current, &directory.ConflictError{Current: current}
		}
		next := directory.ApprovedEdit(current, s)
		if errs := next.Validate(); len(errs) > 0 {
			return next, errs.Err()
		}
		if err := checkReferences(ctx, tx, next); err != nil {
			return next, err
		}
		if saved, err = updateService(ctx, tx, actor, current, next, "update", why, now); err != nil {
			return next, err
		}
	default:
		next := directory.ApprovedService(before, s)
		if errs := next.Validate(); len(errs) > 0 {
			return next, errs.Err()
		}
		slugTaken := func() error {
			var errs directory.FieldErrors
			errs.Add("slug", "Another service already uses this web address name")
			return errs.Err()
		}
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM services WHERE slug = $1)`, next.Slug).Scan(&taken); err != nil {
			return next, fmt.Errorf("check slug: %w", err)
		}
		if taken {
			return next, slugTaken()
		}
		if err := checkReferences(ctx, tx, next); err != nil {
			return next, err
		}
		saved, err = insertService(ctx, tx, actor, next, "create", why, now)
		if uniqueViolation(err) {
			return next, slugTaken()
		}
		if err != nil {
			return next, err
		}
	}
	if err := decideProposal(ctx, tx, actor, before, directory.ProposalApproved, saved.ID, reason, now); err != nil {
		return s, err
	}
	if err := tx.Commit(ctx); err != nil {
		return s, fmt.Errorf("commit approving proposal %d: %w", id, err)
	}
	return saved, nil
}

// RejectProposal refuses a pending proposal with a reason, and audits it.
// The proposals table is quiet, but the audit log bumps the content version,
// so the transaction queues for the version's row first.
func (db *DB) RejectProposal(ctx context.Context, actor directory.Actor, id int64, reason string) (directory.Proposal, error) {
	reason = strings.TrimSpace(reason)
	if errs := directory.ValidateDecisionReason(reason); len(errs) > 0 {
		return directory.Proposal{}, errs.Err()
	}
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return directory.Proposal{}, fmt.Errorf("reject proposal %d: %w", id, err)
	}
	defer tx.Rollback(ctx)
	before, err := pendingProposal(ctx, tx, actor, id)
	if err != nil {
		return before, err
	}
	var serviceID int64
	if before.Kind == directory.ProposalEdit {
		serviceID = before.Service.ID
	}
	if err := decideProposal(ctx, tx, actor, before, directory.ProposalRejected, serviceID, reason, db.now()); err != nil {
		return before, err
	}
	after, err := proposalInTx(ctx, tx, id, false)
	if err != nil {
		return before, err
	}
	if err := tx.Commit(ctx); err != nil {
		return before, fmt.Errorf("commit rejecting proposal %d: %w", id, err)
	}
	return after, nil
}

// pendingProposal reads and locks a proposal that actor is about to decide,
// and refuses one already decided, or a decider who is not staff.
func pendingProposal(ctx context.Context, tx pgx.Tx, actor directory.Actor, id int64) (directory.Proposal, error) {
	if actor.UserID != 0 {
		decider, err := userInTx(ctx, tx, actor.UserID)
		if err != nil {
			return directory.Proposal{}, err
		}
		if !decider.Role.Staff() || decider.Disabled {
			return directory.Proposal{}, directory.Errorf(directory.EFORBIDDEN, "Only staff can decide a proposal.")
		}
	}
	p, err := proposalInTx(ctx, tx, id, true)
	if err != nil {
		return p, err
	}
	if !p.Pending() {
		return p, directory.Errorf(directory.EINVALID, "Proposal number %d has already been %s.", id, p.Status)
	}
	return p, nil
}

// decideProposal records staff's decision on a pending proposal, with the
// service it is now about, and audits it.
func decideProposal(ctx context.Context, tx pgx.Tx, actor directory.Actor, before directory.Proposal, status string, serviceID int64, reason, now string) error {
	var service *int64
	if serviceID != 0 {
		service = &serviceID
	}
	name := actor.Name
	if name == "" {
		name = "system"
	}
	tag, err := tx.Exec(ctx, `UPDATE proposals SET status = $1, service_id = coalesce($2, service_id), decided_at = $3, decider_name = $4, reason = $5
		WHERE id = $6 AND status = 'pending'`, status, service, now, name, reason, before.ID)
	if err != nil {
		return fmt.Errorf("decide proposal %d: %w", before.ID, err)
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("decide proposal %d: %d rows changed", before.ID, tag.RowsAffected())
	}
	after, err := proposalInTx(ctx, tx, before.ID, false)
	if err != nil {
		return err
	}
	action := "approve"
	if status == directory.ProposalRejected {
		action = "reject"
	}
	return record(ctx, tx, change{actor: actor, entity: directory.EntityProposal, key: strconv.FormatInt(before.ID, 10),
		action: action, reason: reason, before: before.Audited(), after: after.Audited(), timestamp: now})
}

// userInTx reads an account, with its organisations, inside a transaction.
// An account that does not exist may not act: EFORBIDDEN.
func userInTx(ctx context.Context, tx pgx.Tx, id int64) (directory.User, error) {
	u, err := scanUser(tx.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return u, directory.Errorf(directory.EFORBIDDEN, "Log in with an account that may do this.")
	}
	if err != nil {
		return u, fmt.Errorf("find user %d: %w", id, err)
	}
	list := []directory.User{u}
	if err := attachOrganisations(ctx, tx, list); err != nil {
		return u, err
	}
	return list[0], nil
}

// organisationInTx reads an organisation by slug inside a transaction.
func organisationInTx(ctx context.Context, tx pgx.Tx, slug string) (directory.Organisation, error) {
	var o directory.Organisation
	err := tx.QueryRow(ctx, `SELECT id, uuid, slug, name, kind, description, website, source FROM organisations WHERE slug = $1`, slug).
		Scan(&o.ID, &o.UUID, &o.Slug, &o.Name, &o.Kind, &o.Description, &o.Website, &o.Source)
	if errors.Is(err, pgx.ErrNoRows) {
		return o, directory.Errorf(directory.ENOTFOUND, "There is no organisation %q.", slug)
	}
	if err != nil {
		return o, fmt.Errorf("find organisation %q: %w", slug, err)
	}
	return o, nil
}
