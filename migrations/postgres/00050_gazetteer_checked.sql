-- +goose Up
-- The first gazetteer (2026) was compiled from general knowledge; every row's
-- source began "Project gazetteer, compiled 2026 from general knowledge". It
-- is replaced by one whose every entry was checked, so its rows go. A
-- database whose gazetteer is then empty gets the dataset's gazetteer the
-- next time `directory serve` starts.
DELETE FROM places WHERE source LIKE 'Project gazetteer, compiled 2026 from general knowledge%';

-- +goose Down
-- The removed rows are not restored.
SELECT 1;
