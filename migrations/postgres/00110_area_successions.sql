-- +goose Up
-- Which areas a later area took over from: BCP Council from Bournemouth,
-- Poole and Christchurch in April 2019, Dorset Council from the rest of
-- Dorset county. The coverage matrix on today's geography shows a council
-- with no rating of its own beside its predecessors' last ratings, each
-- labelled as theirs.
CREATE TABLE area_successions (
    successor_id   bigint NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
    predecessor_id bigint NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
    PRIMARY KEY (successor_id, predecessor_id),
    CHECK (successor_id <> predecessor_id)
);
SELECT content_version_triggers('area_successions');

-- +goose Down
DROP TABLE area_successions;
