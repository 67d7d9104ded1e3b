-- The state of the todos as one number: every statement that changes them (INSERT, UPDATE, DELETE,
-- TRUNCATE) advances it in its own transaction, so a snapshot that sees a revision sees exactly the
-- rows that revision stands for. A plain row, not a sequence: a sequence's value is not part of a
-- snapshot (a change not yet committed would already have taken its number). Writers of todos take
-- turns on this row until they commit; the API's writes are single short statements.
CREATE TABLE todo_revision (
    revision  BIGINT  NOT NULL DEFAULT 0,
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton)
);

INSERT INTO todo_revision DEFAULT VALUES;

CREATE FUNCTION advance_todo_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE todo_revision SET revision = revision + 1;
    RETURN NULL;
END;
$$;

-- Per statement: a statement that changes no row (an update of a missing id) advances it too,
-- which only costs a reuse, never a stale one.
CREATE TRIGGER todos_advance_revision
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON todos
    FOR EACH STATEMENT EXECUTE FUNCTION advance_todo_revision();

-- What a calendar was made from, so a later export with the same options over the same revision
-- can reuse it. Null on calendars stored before this migration: those are never reused.
ALTER TABLE calendar_results
    ADD COLUMN todo_revision      BIGINT,
    ADD COLUMN calendar_name      TEXT,
    ADD COLUMN component          TEXT,
    ADD COLUMN filter_completed   BOOLEAN,
    ADD COLUMN filter_window_days INTEGER,
    ADD COLUMN generator_image    TEXT;

-- The operator's lookup: the newest calendar of a revision.
CREATE INDEX calendar_results_by_revision ON calendar_results (todo_revision, created_at DESC);
