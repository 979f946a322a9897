CREATE TABLE accounts (
    id            uuid        PRIMARY KEY,
    name          text        NOT NULL,
    auth_provider text        NOT NULL,
    created_at    timestamptz NOT NULL,
    CONSTRAINT accounts_provider_name_unique UNIQUE (auth_provider, name)
);

-- Debezium's outbox EventRouter reads this table: aggregatetype is the target topic,
-- aggregateid the record key, and payload the Confluent wire-format value, shipped as-is.
CREATE TABLE outbox (
    id            uuid        PRIMARY KEY,
    aggregatetype text        NOT NULL,
    aggregateid   text        NOT NULL,
    type          text        NOT NULL,
    payload       bytea       NOT NULL,
    occurred_at   timestamptz NOT NULL
);
