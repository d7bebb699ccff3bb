-- +goose Up
-- Services an import could not place: the feed named no area of this
-- directory, so the service is stored archived, with no service areas, and
-- held here for staff to give it areas or reject it. Only staff read it, and
-- a held service is on no public page, so it has no content-version triggers.
-- feed_areas is what the feed named, one place a line; fingerprint is a hash
-- of the feed's fields, so a rejected service comes back only when the feed
-- changes it.
CREATE TABLE held_services (
    service_id  bigint PRIMARY KEY REFERENCES services(id),
    state       text    NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'rejected')),
    feed_areas  text    NOT NULL DEFAULT '',
    fingerprint text    NOT NULL DEFAULT '',
    reason      text    NOT NULL DEFAULT '',
    held_at     text    NOT NULL
);
CREATE INDEX held_services_state ON held_services (state, service_id);

-- +goose Down
DROP TABLE held_services;
