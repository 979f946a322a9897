-- Every projection schema has these two: the offsets it has applied (written in the same transaction as its rows)
-- and the events it could not apply.
CREATE TABLE projector_offsets (
    topic       text   NOT NULL,
    partition   int    NOT NULL,
    next_offset bigint NOT NULL,
    PRIMARY KEY (topic, partition)
);

CREATE TABLE dead_letters (
    topic           text        NOT NULL,
    partition       int         NOT NULL,
    "offset"        bigint      NOT NULL,
    record_key      text,
    reason          text        NOT NULL,
    detail          text        NOT NULL,
    payload         bytea,
    event_timestamp timestamptz NOT NULL,
    PRIMARY KEY (topic, partition, "offset")
);
