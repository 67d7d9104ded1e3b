-- When the todos last changed, in the database's clock: a feed regenerates its calendar once the
-- todos have been quiet for a moment (a burst of edits costs one calendar), and measuring the
-- quiet on one clock keeps the operator's clock out of it.
ALTER TABLE todo_revision ADD COLUMN changed_at TIMESTAMPTZ NOT NULL DEFAULT now();

CREATE OR REPLACE FUNCTION advance_todo_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE todo_revision SET revision = revision + 1, changed_at = now();
    RETURN NULL;
END;
$$;
