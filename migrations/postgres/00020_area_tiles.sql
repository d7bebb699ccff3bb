-- +goose Up
-- Where each area sits on the schematic coverage map: one square per area in
-- a grid, columns west to east and rows north to south. Not a boundary map.
CREATE TABLE area_tiles (
    area_id     bigint PRIMARY KEY REFERENCES areas(id),
    grid_column bigint NOT NULL CHECK (grid_column >= 0),
    grid_row    bigint NOT NULL CHECK (grid_row >= 0),
    UNIQUE (grid_column, grid_row)
);

-- +goose Down
DROP TABLE area_tiles;
