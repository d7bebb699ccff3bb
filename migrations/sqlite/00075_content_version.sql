-- +goose Up
-- The content version counts committed changes to what public pages show. The
-- page cache of every process that serves this database reads it to learn
-- that another process (an import, a seed, a restore from the command line)
-- has written, without emptying itself for writes that change no public page:
-- sessions, and anything else left out of the triggers below.
--
-- Every table a public page can read bumps it on each row it inserts, updates
-- or deletes. A test in internal/sqlite fails when a table is neither listed
-- here nor named as one that public pages never read.
CREATE TABLE content_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO content_version (id, n) VALUES (1, 0);

-- +goose StatementBegin
CREATE TRIGGER areas_insert_bumps_content_version AFTER INSERT ON areas BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER areas_update_bumps_content_version AFTER UPDATE ON areas BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER areas_delete_bumps_content_version AFTER DELETE ON areas BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_types_insert_bumps_content_version AFTER INSERT ON service_types BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_types_update_bumps_content_version AFTER UPDATE ON service_types BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_types_delete_bumps_content_version AFTER DELETE ON service_types BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisations_insert_bumps_content_version AFTER INSERT ON organisations BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisations_update_bumps_content_version AFTER UPDATE ON organisations BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisations_delete_bumps_content_version AFTER DELETE ON organisations BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER services_insert_bumps_content_version AFTER INSERT ON services BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER services_update_bumps_content_version AFTER UPDATE ON services BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER services_delete_bumps_content_version AFTER DELETE ON services BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_stages_insert_bumps_content_version AFTER INSERT ON service_stages BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_stages_update_bumps_content_version AFTER UPDATE ON service_stages BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_stages_delete_bumps_content_version AFTER DELETE ON service_stages BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_audiences_insert_bumps_content_version AFTER INSERT ON service_audiences BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_audiences_update_bumps_content_version AFTER UPDATE ON service_audiences BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_audiences_delete_bumps_content_version AFTER DELETE ON service_audiences BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_access_insert_bumps_content_version AFTER INSERT ON service_access BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_access_update_bumps_content_version AFTER UPDATE ON service_access BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_access_delete_bumps_content_version AFTER DELETE ON service_access BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_interventions_insert_bumps_content_version AFTER INSERT ON service_interventions BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_interventions_update_bumps_content_version AFTER UPDATE ON service_interventions BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_interventions_delete_bumps_content_version AFTER DELETE ON service_interventions BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_areas_insert_bumps_content_version AFTER INSERT ON service_areas BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_areas_update_bumps_content_version AFTER UPDATE ON service_areas BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_areas_delete_bumps_content_version AFTER DELETE ON service_areas BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER coverage_cells_insert_bumps_content_version AFTER INSERT ON coverage_cells BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER coverage_cells_update_bumps_content_version AFTER UPDATE ON coverage_cells BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER coverage_cells_delete_bumps_content_version AFTER DELETE ON coverage_cells BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER indicators_insert_bumps_content_version AFTER INSERT ON indicators BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER indicators_update_bumps_content_version AFTER UPDATE ON indicators BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER indicators_delete_bumps_content_version AFTER DELETE ON indicators BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER indicator_values_insert_bumps_content_version AFTER INSERT ON indicator_values BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER indicator_values_update_bumps_content_version AFTER UPDATE ON indicator_values BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER indicator_values_delete_bumps_content_version AFTER DELETE ON indicator_values BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER glossary_terms_insert_bumps_content_version AFTER INSERT ON glossary_terms BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER glossary_terms_update_bumps_content_version AFTER UPDATE ON glossary_terms BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER glossary_terms_delete_bumps_content_version AFTER DELETE ON glossary_terms BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER references_insert_bumps_content_version AFTER INSERT ON "references" BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER references_update_bumps_content_version AFTER UPDATE ON "references" BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER references_delete_bumps_content_version AFTER DELETE ON "references" BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER places_insert_bumps_content_version AFTER INSERT ON places BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER places_update_bumps_content_version AFTER UPDATE ON places BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER places_delete_bumps_content_version AFTER DELETE ON places BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER area_tiles_insert_bumps_content_version AFTER INSERT ON area_tiles BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER area_tiles_update_bumps_content_version AFTER UPDATE ON area_tiles BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER area_tiles_delete_bumps_content_version AFTER DELETE ON area_tiles BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER baselines_insert_bumps_content_version AFTER INSERT ON baselines BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER baselines_update_bumps_content_version AFTER UPDATE ON baselines BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER baselines_delete_bumps_content_version AFTER DELETE ON baselines BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER meta_insert_bumps_content_version AFTER INSERT ON meta BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER meta_update_bumps_content_version AFTER UPDATE ON meta BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER meta_delete_bumps_content_version AFTER DELETE ON meta BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_insert_bumps_content_version AFTER INSERT ON users BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_update_bumps_content_version AFTER UPDATE ON users BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_delete_bumps_content_version AFTER DELETE ON users BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_insert_bumps_content_version AFTER INSERT ON audit_log BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_update_bumps_content_version AFTER UPDATE ON audit_log BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_delete_bumps_content_version AFTER DELETE ON audit_log BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER areas_insert_bumps_content_version;
DROP TRIGGER areas_update_bumps_content_version;
DROP TRIGGER areas_delete_bumps_content_version;
DROP TRIGGER service_types_insert_bumps_content_version;
DROP TRIGGER service_types_update_bumps_content_version;
DROP TRIGGER service_types_delete_bumps_content_version;
DROP TRIGGER organisations_insert_bumps_content_version;
DROP TRIGGER organisations_update_bumps_content_version;
DROP TRIGGER organisations_delete_bumps_content_version;
DROP TRIGGER services_insert_bumps_content_version;
DROP TRIGGER services_update_bumps_content_version;
DROP TRIGGER services_delete_bumps_content_version;
DROP TRIGGER service_stages_insert_bumps_content_version;
DROP TRIGGER service_stages_update_bumps_content_version;
DROP TRIGGER service_stages_delete_bumps_content_version;
DROP TRIGGER service_audiences_insert_bumps_content_version;
DROP TRIGGER service_audiences_update_bumps_content_version;
DROP TRIGGER service_audiences_delete_bumps_content_version;
DROP TRIGGER service_access_insert_bumps_content_version;
DROP TRIGGER service_access_update_bumps_content_version;
DROP TRIGGER service_access_delete_bumps_content_version;
DROP TRIGGER service_interventions_insert_bumps_content_version;
DROP TRIGGER service_interventions_update_bumps_content_version;
DROP TRIGGER service_interventions_delete_bumps_content_version;
DROP TRIGGER service_areas_insert_bumps_content_version;
DROP TRIGGER service_areas_update_bumps_content_version;
DROP TRIGGER service_areas_delete_bumps_content_version;
DROP TRIGGER coverage_cells_insert_bumps_content_version;
DROP TRIGGER coverage_cells_update_bumps_content_version;
DROP TRIGGER coverage_cells_delete_bumps_content_version;
DROP TRIGGER indicators_insert_bumps_content_version;
DROP TRIGGER indicators_update_bumps_content_version;
DROP TRIGGER indicators_delete_bumps_content_version;
DROP TRIGGER indicator_values_insert_bumps_content_version;
DROP TRIGGER indicator_values_update_bumps_content_version;
DROP TRIGGER indicator_values_delete_bumps_content_version;
DROP TRIGGER glossary_terms_insert_bumps_content_version;
DROP TRIGGER glossary_terms_update_bumps_content_version;
DROP TRIGGER glossary_terms_delete_bumps_content_version;
DROP TRIGGER references_insert_bumps_content_version;
DROP TRIGGER references_update_bumps_content_version;
DROP TRIGGER references_delete_bumps_content_version;
DROP TRIGGER places_insert_bumps_content_version;
DROP TRIGGER places_update_bumps_content_version;
DROP TRIGGER places_delete_bumps_content_version;
DROP TRIGGER area_tiles_insert_bumps_content_version;
DROP TRIGGER area_tiles_update_bumps_content_version;
DROP TRIGGER area_tiles_delete_bumps_content_version;
DROP TRIGGER baselines_insert_bumps_content_version;
DROP TRIGGER baselines_update_bumps_content_version;
DROP TRIGGER baselines_delete_bumps_content_version;
DROP TRIGGER meta_insert_bumps_content_version;
DROP TRIGGER meta_update_bumps_content_version;
DROP TRIGGER meta_delete_bumps_content_version;
DROP TRIGGER users_insert_bumps_content_version;
DROP TRIGGER users_update_bumps_content_version;
DROP TRIGGER users_delete_bumps_content_version;
DROP TRIGGER audit_log_insert_bumps_content_version;
DROP TRIGGER audit_log_update_bumps_content_version;
DROP TRIGGER audit_log_delete_bumps_content_version;
DROP TABLE content_version;
