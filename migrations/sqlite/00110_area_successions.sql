-- +goose Up
-- Which areas a later area took over from: BCP Council from Bournemouth,
-- Poole and Christchurch in April 2019, Dorset Council from the rest of
-- Dorset county. The coverage matrix on today's geography shows a council
-- with no rating of its own beside its predecessors' last ratings, each
-- labelled as theirs.
CREATE TABLE area_successions (
    successor_id   INTEGER NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
    predecessor_id INTEGER NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
    PRIMARY KEY (successor_id, predecessor_id),
    CHECK (successor_id <> predecessor_id)
);

-- +goose StatementBegin
CREATE TRIGGER area_successions_insert_bumps_content_version AFTER INSERT ON area_successions BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER area_successions_update_bumps_content_version AFTER UPDATE ON area_successions BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER area_successions_delete_bumps_content_version AFTER DELETE ON area_successions BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE area_successions;
