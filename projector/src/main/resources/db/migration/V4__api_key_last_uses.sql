-- The latest use of each API key, whether or not the key's row is projected yet. bf.api-key-usage
-- and bf.api-keys are read by separate consumers, so on a rebuild from offset 0 a key's uses can be
-- applied before the key itself. Both consumers lock the key's row here first, so that the two
-- never miss each other; api_keys.last_used_at is always this row's value. Listed in
-- docs/schema-extensions.md.
CREATE TABLE api_key_last_uses (
    api_key_id   UUID PRIMARY KEY,
    last_used_at TIMESTAMP
);
