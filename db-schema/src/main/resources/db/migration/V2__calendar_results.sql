-- One row per export, keyed by the CalendarExport's uid. The calendar itself is stored as ordered
-- chunks so the generator can stream it in and the api-server stream it out without holding it whole.
CREATE TABLE calendar_results (
    export_uid   UUID PRIMARY KEY,
    export_name  TEXT        NOT NULL,
    content_type TEXT        NOT NULL,
    size_bytes   BIGINT      NOT NULL,
    sha256       CHAR(64)    NOT NULL,
    events       INTEGER     NOT NULL,
    skipped      INTEGER     NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Deferred so a generator can write the chunks first and the summary row, whose sha256 it only
-- knows at the end, last, all in one transaction.
CREATE TABLE calendar_result_chunks (
    export_uid UUID    NOT NULL REFERENCES calendar_results (export_uid)
                       ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    seq        INTEGER NOT NULL,
    data       BYTEA   NOT NULL,
    PRIMARY KEY (export_uid, seq)
);
