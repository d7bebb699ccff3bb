-- +goose Up
-- Areas form a hierarchy (nation > region > county or unitary authority > district).
-- History must not change when geography does, so each area keeps its dates of validity.
CREATE TABLE areas (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES areas(id),
    ons_code    TEXT NOT NULL DEFAULT '',
    valid_from  TEXT NOT NULL DEFAULT '',
    valid_to    TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX areas_parent ON areas(parent_id);

-- Service types are the rows of the coverage matrix.
CREATE TABLE service_types (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    website     TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE services (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    slug            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    service_type_id INTEGER REFERENCES service_types(id),
    organisation_id INTEGER REFERENCES organisations(id),
    summary         TEXT NOT NULL DEFAULT '',
    description     TEXT NOT NULL DEFAULT '',
    eligibility     TEXT NOT NULL DEFAULT '',
    how_to_access   TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    website         TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    opening_hours   TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    last_reviewed   TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX services_type ON services(service_type_id);
CREATE INDEX services_organisation ON services(organisation_id);

-- Who a service is for, how to get it, and what it offers are small vocabularies;
-- each service keeps its own list of each.
CREATE TABLE service_stages (
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    stage      TEXT NOT NULL,
    PRIMARY KEY (service_id, stage)
);
CREATE TABLE service_audiences (
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    audience   TEXT NOT NULL,
    PRIMARY KEY (service_id, audience)
);
CREATE TABLE service_access (
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    route      TEXT NOT NULL,
    PRIMARY KEY (service_id, route)
);
CREATE TABLE service_interventions (
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (service_id, position)
);
CREATE TABLE service_areas (
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    area_id    INTEGER NOT NULL REFERENCES areas(id),
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (service_id, area_id)
);
CREATE INDEX service_areas_area ON service_areas(area_id);

-- Coverage cells are kept as history: the matrix on a date is, for each
-- service type and area, the latest cell whose effective date is not after it.
CREATE TABLE coverage_cells (
    id              INTEGER PRIMARY KEY,
    service_type_id INTEGER NOT NULL REFERENCES service_types(id),
    area_id         INTEGER NOT NULL REFERENCES areas(id),
    rating          TEXT NOT NULL CHECK (rating IN ('green', 'amber', 'red', 'not_stated')),
    note            TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL,
    effective_from  TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    UNIQUE (service_type_id, area_id, effective_from)
);

CREATE TABLE indicators (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    definition TEXT NOT NULL DEFAULT '',
    period     TEXT NOT NULL,
    source     TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0
);

-- A value the source suppressed or lacks is NULL, and its note says which.
CREATE TABLE indicator_values (
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    area_id      INTEGER NOT NULL REFERENCES areas(id),
    value        REAL,
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (indicator_id, area_id)
);

CREATE TABLE glossary_terms (
    term    TEXT PRIMARY KEY,
    meaning TEXT NOT NULL
);

CREATE TABLE "references" (
    number INTEGER PRIMARY KEY,
    title  TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    url    TEXT NOT NULL DEFAULT ''
);

-- +goose Down
DROP TABLE "references";
DROP TABLE glossary_terms;
DROP TABLE indicator_values;
DROP TABLE indicators;
DROP TABLE coverage_cells;
DROP TABLE service_areas;
DROP TABLE service_interventions;
DROP TABLE service_access;
DROP TABLE service_audiences;
DROP TABLE service_stages;
DROP TABLE services;
DROP TABLE organisations;
DROP TABLE service_types;
DROP TABLE areas;
