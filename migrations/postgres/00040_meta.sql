-- +goose Up
-- Facts about the dataset as a whole, one row per key. The key 'synthetic'
-- marks a database of made-up test data (see `directory demo-data`), so every
-- page can say so and nobody mistakes it for real services.
CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

-- +goose Down
DROP TABLE meta;
