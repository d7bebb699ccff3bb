-- +goose Up
-- Full-text search over each service's words. The index keeps its own copy of
-- the text, one row per service with the service's id as its rowid. The view
-- says once what a service's text is; the triggers rewrite a service's row
-- from it on every change to the service, its interventions or its service
-- type, so search never lags behind an edit.
CREATE VIRTUAL TABLE service_search USING fts5(
    name, summary, description, eligibility, offers,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE VIEW service_search_text AS
SELECT s.id AS id, s.name AS name, s.summary AS summary, s.description AS description,
    s.eligibility AS eligibility,
    coalesce(t.name, '') || ' ' || s.how_to_access || ' ' ||
    coalesce((SELECT group_concat(i.name, ' ') FROM service_interventions i WHERE i.service_id = s.id), '') AS offers
FROM services s LEFT JOIN service_types t ON t.id = s.service_type_id;

-- +goose StatementBegin
CREATE TRIGGER service_search_insert AFTER INSERT ON services BEGIN
    INSERT INTO service_search (rowid, name, summary, description, eligibility, offers)
    SELECT id, name, summary, description, eligibility, offers FROM service_search_text WHERE id = new.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER service_search_update AFTER UPDATE ON services BEGIN
    DELETE FROM service_search WHERE rowid = old.id;
    INSERT INTO service_search (rowid, name, summary, description, eligibility, offers)
    SELECT id, name, summary, description, eligibility, offers FROM service_search_text WHERE id = new.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER service_search_delete AFTER DELETE ON services BEGIN
    DELETE FROM service_search WHERE rowid = old.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER service_search_intervention_insert AFTER INSERT ON service_interventions BEGIN
    DELETE FROM service_search WHERE rowid = new.service_id;
    INSERT INTO service_search (rowid, name, summary, description, eligibility, offers)
    SELECT id, name, summary, description, eligibility, offers FROM service_search_text WHERE id = new.service_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER service_search_intervention_update AFTER UPDATE ON service_interventions BEGIN
    DELETE FROM service_search WHERE rowid IN (old.service_id, new.service_id);
    INSERT INTO service_search (rowid, name, summary, description, eligibility, offers)
    SELECT id, name, summary, description, eligibility, offers FROM service_search_text WHERE id IN (old.service_id, new.service_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER service_search_intervention_delete AFTER DELETE ON service_interventions BEGIN
    DELETE FROM service_search WHERE rowid = old.service_id;
    INSERT INTO service_search (rowid, name, summary, description, eligibility, offers)
    SELECT id, name, summary, description, eligibility, offers FROM service_search_text WHERE id = old.service_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER service_search_type_update AFTER UPDATE OF name ON service_types BEGIN
    DELETE FROM service_search WHERE rowid IN (SELECT id FROM services WHERE service_type_id = new.id);
    INSERT INTO service_search (rowid, name, summary, description, eligibility, offers)
    SELECT v.id, v.name, v.summary, v.description, v.eligibility, v.offers FROM service_search_text v
    JOIN services s ON s.id = v.id WHERE s.service_type_id = new.id;
END;
-- +goose StatementEnd

-- Services already in the database when this migration runs.
INSERT INTO service_search (rowid, name, summary, description, eligibility, offers)
SELECT id, name, summary, description, eligibility, offers FROM service_search_text;

-- +goose Down
DROP TRIGGER service_search_type_update;
DROP TRIGGER service_search_intervention_delete;
DROP TRIGGER service_search_intervention_update;
DROP TRIGGER service_search_intervention_insert;
DROP TRIGGER service_search_delete;
DROP TRIGGER service_search_update;
DROP VIEW service_search_text;
DROP TABLE service_search;
