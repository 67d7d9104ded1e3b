-- How far a running generator has got, for the api-server's status and event stream (generator
-- pods have no Kubernetes token, so they report here). One row per export while its generator
-- runs: written on its own autocommit connection, removed once the calendar is stored, and by the
-- operator with the calendar.
CREATE TABLE export_progress (
    export_uid UUID PRIMARY KEY,
    written    BIGINT      NOT NULL CHECK (written >= 0),
    total      BIGINT      CHECK (total >= 0),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
