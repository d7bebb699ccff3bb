-- +goose Up
-- Indexes that let the public pages of a national directory read only what
-- they show, measured in docs/benchmarks.md ("National scale on a cache
-- miss") on SQLite.
--
-- The active services in list order within each service type: the open
-- data API counts them by service type and seeks a deep page inside one
-- type instead of sorting every service and skipping to it, and the home
-- page counts them without reading the services' rows.
CREATE INDEX services_listing ON services(status, service_type_id, name, id);
-- An area's cells, for the pages that show one area or one region of the
-- matrix (coverage_cells_pair leads with the service type); with the rating,
-- so that the pages that only count ratings read this index alone.
CREATE INDEX coverage_cells_area ON coverage_cells(area_id, service_type_id, effective_from, id, rating);

-- +goose Down
DROP INDEX coverage_cells_area;
DROP INDEX services_listing;
