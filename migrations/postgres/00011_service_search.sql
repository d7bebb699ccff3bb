-- +goose Up
-- Full-text search over each service's words. SQLite keeps an FTS5 table,
-- service_search; here each service carries its own document in a tsvector
-- column, services.search, with a GIN index, and the triggers below rewrite
-- it on every change to the service, its interventions or its service type,
-- so search never lags behind an edit.
--
-- The text search configuration is 'english': like SQLite's porter
-- tokenizer it stems words ("feeding" finds "feed"). Unlike it, it also
-- drops English stop words ("the", "and"), which only matters to a search
-- made of nothing else. Accents are removed with unaccent first, as FTS5's
-- remove_diacritics does. A query must be built the same way:
--
--   search @@ websearch_to_tsquery('english', unaccent($1))
--
-- The weights stand for FTS5's bm25 weights (name 10, summary 5, offers 3,
-- eligibility 2, description 1):
--
--   A  the name
--   B  the summary
--   C  what it offers: its service type's name, how to access it, and its
--      interventions
--   D  its eligibility and description
--
-- so ts_rank(search, query) ranks a word in the name first.
--
-- pg_trgm is there for matching by likeness (a misspelt place or name).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE services ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector;
CREATE INDEX services_search ON services USING gin (search);

-- service_search_document is a service's searchable text, weighted: what
-- SQLite's view service_search_text says once.
-- +goose StatementBegin
CREATE FUNCTION service_search_document(s services) RETURNS tsvector
LANGUAGE sql STABLE
SET search_path FROM CURRENT
AS $$
    SELECT setweight(to_tsvector('english', unaccent(s.name)), 'A')
        || setweight(to_tsvector('english', unaccent(s.summary)), 'B')
        || setweight(to_tsvector('english', unaccent(
               coalesce((SELECT t.name FROM service_types t WHERE t.id = s.service_type_id), '')
               || ' ' || s.how_to_access || ' ' ||
               coalesce((SELECT string_agg(i.name, ' ' ORDER BY i.position)
                         FROM service_interventions i WHERE i.service_id = s.id), ''))), 'C')
        || setweight(to_tsvector('english', unaccent(s.eligibility || ' ' || s.description)), 'D')
$$;
-- +goose StatementEnd

-- A service's own words: written before each insert, and before each update
-- that sets one of the columns the document reads.
-- +goose StatementBegin
CREATE FUNCTION services_search_refresh() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    NEW.search := service_search_document(NEW);
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER service_search_write
    BEFORE INSERT OR UPDATE OF name, summary, description, eligibility, how_to_access, service_type_id
    ON services FOR EACH ROW EXECUTE FUNCTION services_search_refresh();

-- Its interventions: once for each statement, over the services whose
-- interventions it changed. Each refresh writes a new version of the
-- service's row, so a store writes a service's interventions in one
-- statement (INSERT ... SELECT FROM unnest($1)), not one by one.
-- +goose StatementBegin
CREATE FUNCTION service_interventions_search_refresh() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE services s SET search = service_search_document(s)
            WHERE s.id IN (SELECT service_id FROM new_rows);
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE services s SET search = service_search_document(s)
            WHERE s.id IN (SELECT service_id FROM new_rows UNION SELECT service_id FROM old_rows);
    ELSE
        UPDATE services s SET search = service_search_document(s)
            WHERE s.id IN (SELECT service_id FROM old_rows);
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER service_search_intervention_insert AFTER INSERT ON service_interventions
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION service_interventions_search_refresh();
CREATE TRIGGER service_search_intervention_update AFTER UPDATE ON service_interventions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION service_interventions_search_refresh();
CREATE TRIGGER service_search_intervention_delete AFTER DELETE ON service_interventions
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION service_interventions_search_refresh();

-- Its service type's name.
-- +goose StatementBegin
CREATE FUNCTION service_types_search_refresh() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    UPDATE services s SET search = service_search_document(s) WHERE s.service_type_id = NEW.id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER service_search_type_update AFTER UPDATE OF name ON service_types
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION service_types_search_refresh();

-- Services already in the database when this migration runs.
UPDATE services s SET search = service_search_document(s);

-- +goose Down
DROP TRIGGER service_search_type_update ON service_types;
DROP FUNCTION service_types_search_refresh();
DROP TRIGGER service_search_intervention_delete ON service_interventions;
DROP TRIGGER service_search_intervention_update ON service_interventions;
DROP TRIGGER service_search_intervention_insert ON service_interventions;
DROP FUNCTION service_interventions_search_refresh();
DROP TRIGGER service_search_write ON services;
DROP FUNCTION services_search_refresh();
DROP FUNCTION service_search_document(services);
DROP INDEX services_search;
ALTER TABLE services DROP COLUMN search;
