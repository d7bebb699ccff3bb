-- +goose Up
-- The content version counts committed changes to what public pages show. The
-- page cache of every process that serves this database reads it to learn
-- that another process (an import, a seed, a restore from the command line)
-- has written, without emptying itself for writes that change no public page:
-- sessions, and anything else left out of the triggers below.
--
-- Every table a public page can read bumps it, through statement-level
-- triggers on INSERT, UPDATE, DELETE and TRUNCATE. Where SQLite adds one for
-- each row, here a transaction adds one however much it writes: a statement
-- that changes no row leaves the counter alone (its transition table is
-- empty), and the first one that does changes it and marks the transaction
-- (the transaction-local setting directory.content_bumped), so later
-- statements leave it be. Each bump also sends the new value on the channel
-- directory_content (pg_notify, delivered on commit), so that a server may
-- LISTEN rather than ask.
--
-- The counter is one row, so writers of public tables queue for it from
-- their first change to their commit, as SQLite's writers queue for its
-- lock. Sessions and the demand tally never touch it.
--
-- A test in internal/postgres fails when a table is neither given these
-- triggers nor named as one that public pages never read.
CREATE TABLE content_version (
    id bigint PRIMARY KEY CHECK (id = 1),
    n  bigint NOT NULL
);
INSERT INTO content_version (id, n) VALUES (1, 0);

-- +goose StatementBegin
CREATE FUNCTION bump_content_version() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
DECLARE
    v bigint;
BEGIN
    IF TG_OP <> 'TRUNCATE' THEN
        IF NOT EXISTS (SELECT 1 FROM changed_rows) THEN
            RETURN NULL;
        END IF;
    END IF;
    IF current_setting('directory.content_bumped', true) = 'on' THEN
        RETURN NULL;
    END IF;
    UPDATE content_version SET n = n + 1 WHERE id = 1 RETURNING n INTO v;
    PERFORM set_config('directory.content_bumped', 'on', true);
    PERFORM pg_notify('directory_content', v::text);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- content_version_triggers gives a table the four triggers, named as
-- SQLite's are (TABLE_insert_bumps_content_version and so on). Later
-- migrations call it for the tables they add.
-- +goose StatementBegin
CREATE FUNCTION content_version_triggers(t regclass) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    name text := (SELECT relname FROM pg_class WHERE oid = t);
BEGIN
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version()', name || '_insert_bumps_content_version', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING NEW TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version()', name || '_update_bumps_content_version', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version()', name || '_delete_bumps_content_version', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %s
        FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version()', name || '_truncate_bumps_content_version', t);
END;
$$;
-- +goose StatementEnd

SELECT content_version_triggers('areas');
SELECT content_version_triggers('service_types');
SELECT content_version_triggers('organisations');
SELECT content_version_triggers('services');
SELECT content_version_triggers('service_stages');
SELECT content_version_triggers('service_audiences');
SELECT content_version_triggers('service_access');
SELECT content_version_triggers('service_interventions');
SELECT content_version_triggers('service_areas');
SELECT content_version_triggers('coverage_cells');
SELECT content_version_triggers('indicators');
SELECT content_version_triggers('indicator_values');
SELECT content_version_triggers('glossary_terms');
SELECT content_version_triggers('"references"');
SELECT content_version_triggers('places');
SELECT content_version_triggers('area_tiles');
SELECT content_version_triggers('baselines');
SELECT content_version_triggers('meta');
SELECT content_version_triggers('users');
SELECT content_version_triggers('audit_log');

-- +goose Down
-- Dropping the function drops every trigger that calls it.
DROP FUNCTION content_version_triggers(regclass);
DROP FUNCTION bump_content_version() CASCADE;
DROP TABLE content_version;
