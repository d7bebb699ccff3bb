-- +goose Up
-- Provider accounts: people at the trusts, councils and charities that run
-- services, who propose changes to their own organisations' services for
-- staff to approve. A provider is tied to one or more organisations.
--
-- SQLite cannot change a CHECK constraint in place, so the users table is
-- rebuilt to let its role be 'provider'. The audit log refers to users, so
-- the foreign keys are deferred until the migration commits: the rows go
-- back into the new table, under the same ids, before they are checked.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE users_before_providers AS SELECT * FROM users;
DROP TABLE users;
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'provider')),
    password_hash TEXT NOT NULL,
    disabled_at   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
INSERT INTO users (id, email, name, role, password_hash, disabled_at, created_at, version)
    SELECT id, email, name, role, password_hash, disabled_at, created_at, version FROM users_before_providers;
DROP TABLE users_before_providers;
-- +goose StatementBegin
CREATE TRIGGER users_insert_bumps_content_version AFTER INSERT ON users BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_update_bumps_content_version AFTER UPDATE ON users BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_delete_bumps_content_version AFTER DELETE ON users BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd

-- The organisations each provider account speaks for. Written only with the
-- account, which moves the content version already; its triggers keep it in
-- step with users.
CREATE TABLE user_organisations (
    user_id         INTEGER NOT NULL REFERENCES users(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (user_id, organisation_id)
);
CREATE INDEX user_organisations_organisation ON user_organisations (organisation_id);
-- +goose StatementBegin
CREATE TRIGGER user_organisations_insert_bumps_content_version AFTER INSERT ON user_organisations BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER user_organisations_update_bumps_content_version AFTER UPDATE ON user_organisations BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER user_organisations_delete_bumps_content_version AFTER DELETE ON user_organisations BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd

-- Providers' proposals: an edit of one of their organisations' services
-- (service_id set, with the version it started from) or a new service
-- (service_id set once staff approve it). The proposed service is kept
-- whole, as JSON. Only staff and the proposer read it, and nothing on a
-- public page changes until staff approve it, so it has no content-version
-- triggers.
CREATE TABLE proposals (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('edit', 'new')),
    service_id      INTEGER REFERENCES services(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    base_version    INTEGER NOT NULL DEFAULT 0,
    service         TEXT    NOT NULL,
    note            TEXT    NOT NULL DEFAULT '',
    proposer_id     INTEGER NOT NULL REFERENCES users(id),
    proposer_name   TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at      TEXT    NOT NULL,
    decided_at      TEXT    NOT NULL DEFAULT '',
    decider_name    TEXT    NOT NULL DEFAULT '',
    reason          TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX proposals_status ON proposals (status, id);
CREATE INDEX proposals_proposer ON proposals (proposer_id, id);

-- +goose Down
DROP TABLE proposals;
DROP TABLE user_organisations;
-- A provider account left would break the old CHECK, and so stops the
-- migration: disable and keep it, or move on.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE users_before_providers AS SELECT * FROM users;
DROP TABLE users;
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash TEXT NOT NULL,
    disabled_at   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
INSERT INTO users (id, email, name, role, password_hash, disabled_at, created_at, version)
    SELECT id, email, name, role, password_hash, disabled_at, created_at, version FROM users_before_providers;
DROP TABLE users_before_providers;
-- +goose StatementBegin
CREATE TRIGGER users_insert_bumps_content_version AFTER INSERT ON users BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_update_bumps_content_version AFTER UPDATE ON users BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_delete_bumps_content_version AFTER DELETE ON users BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
