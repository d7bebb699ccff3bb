-- +goose Up
-- The gazetteer: names people search for (towns, postcode districts, other
-- names for councils) and the smallest area each lies in. A place in two areas
-- has two rows. A row with no area is a place known to lie outside the region.
CREATE TABLE places (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('town', 'postcode_district', 'other_name')),
    area_id  INTEGER REFERENCES areas(id),
    note     TEXT NOT NULL DEFAULT '',
    source   TEXT NOT NULL
);
CREATE UNIQUE INDEX places_unique ON places(kind, lower(name), coalesce(area_id, 0));
CREATE INDEX places_area ON places(area_id);

-- +goose Down
DROP TABLE places;
