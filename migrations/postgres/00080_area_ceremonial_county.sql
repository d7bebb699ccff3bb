-- +goose Up
-- The ceremonial county an area lies in, where that is not the county above
-- it: people write "Bournemouth, Dorset" and "Southampton, Hampshire", and
-- the place search takes such a county as agreeing with the place. Empty for
-- most areas; the dataset's areas.csv sets it.
ALTER TABLE areas ADD COLUMN ceremonial_county_id bigint REFERENCES areas(id);

-- +goose Down
ALTER TABLE areas DROP COLUMN ceremonial_county_id;
