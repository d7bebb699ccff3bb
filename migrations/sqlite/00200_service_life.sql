-- +goose Up
-- A service's life beside active and archived. The status column still says
-- whether the public lists show a service ('active': active or temporarily
-- closed) or not ('archived': archived, ended, or scheduled and not yet
-- open), so every listing reads it as before; life says which of those it
-- is, with the dates and message that go with it.
ALTER TABLE services ADD COLUMN life TEXT NOT NULL DEFAULT '' CHECK (life IN ('', 'scheduled', 'temporarily_closed', 'ended'));
ALTER TABLE services ADD COLUMN opens_on TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN closed_message TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN reopens_on TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN ended_on TEXT NOT NULL DEFAULT '';
CREATE INDEX services_due_to_open ON services (life) WHERE life IN ('scheduled', 'temporarily_closed');

-- +goose Down
DROP INDEX services_due_to_open;
ALTER TABLE services DROP COLUMN ended_on;
ALTER TABLE services DROP COLUMN reopens_on;
ALTER TABLE services DROP COLUMN closed_message;
ALTER TABLE services DROP COLUMN opens_on;
ALTER TABLE services DROP COLUMN life;
