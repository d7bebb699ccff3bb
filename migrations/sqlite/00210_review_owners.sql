-- +goose Up
-- Who owns each service's review (a member of staff; a service with no row
-- is its organisation's provider accounts'), and which reminders of a review
-- left undone have gone: one row per service, due date and stage, so that
-- each goes once however many servers run the job. Only staff read them.
CREATE TABLE service_owners (
    service_id INTEGER PRIMARY KEY REFERENCES services(id),
    user_id    INTEGER NOT NULL REFERENCES users(id)
);

CREATE TABLE review_reminders (
    service_id INTEGER NOT NULL REFERENCES services(id),
    due_on     TEXT    NOT NULL,
    stage      INTEGER NOT NULL CHECK (stage IN (1, 2)),
    sent_at    TEXT    NOT NULL,
    PRIMARY KEY (service_id, due_on, stage)
);

-- +goose Down
DROP TABLE review_reminders;
DROP TABLE service_owners;
