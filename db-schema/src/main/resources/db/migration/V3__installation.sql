-- A random id per database, made once. Calendar UIDs embed it, so a todo keeps the same UID in every
-- export (calendar applications update instead of duplicating) while two installations never collide.
CREATE TABLE installation (
    id        UUID    NOT NULL DEFAULT gen_random_uuid(),
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton)
);

INSERT INTO installation DEFAULT VALUES;
