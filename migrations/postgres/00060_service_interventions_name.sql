-- +goose Up
-- The open data API lists the interventions that active services offer, as a
-- vocabulary of its own, and lists the services that offer one. Both look
-- interventions up by name, which the table's key (service, position) cannot
-- do without reading every row.
CREATE INDEX service_interventions_name ON service_interventions(name, service_id);

-- +goose Down
DROP INDEX service_interventions_name;
