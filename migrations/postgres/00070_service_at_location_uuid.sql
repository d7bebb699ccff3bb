-- +goose Up
-- The open data API publishes the place a service is offered (a service with
-- an address) under a UUID derived from the service's slug, and finds a
-- place by that id. As on SQLite, the store writes it beside the service's
-- own UUID when it adds a service, and fills it for the services added
-- before this migration when it opens the database. A unique index allows
-- any number of NULLs, as SQLite's does.
ALTER TABLE services ADD COLUMN at_location_uuid text;
CREATE UNIQUE INDEX services_at_location_uuid ON services(at_location_uuid);
-- Few services record an address: the places are counted and listed from an
-- index of those services alone.
CREATE INDEX services_with_address ON services(status) WHERE address <> '';

-- +goose Down
DROP INDEX services_with_address;
DROP INDEX services_at_location_uuid;
ALTER TABLE services DROP COLUMN at_location_uuid;
