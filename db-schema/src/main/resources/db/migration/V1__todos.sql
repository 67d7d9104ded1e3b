-- Timestamps are naive, like the reference API's: the server writes local time without a zone.
CREATE TABLE todos (
    id          SERIAL PRIMARY KEY,
    title       VARCHAR(80)  NOT NULL,
    description VARCHAR(120),
    completed   BOOLEAN      NOT NULL DEFAULT FALSE,
    deadline_at TIMESTAMP,
    created_at  TIMESTAMP    NOT NULL,
    updated_at  TIMESTAMP    NOT NULL
);
