-- The current ban of an account, if any: set and lifted by the operator (admin dashboard). Each change
-- commits with its AccountBanned / AccountUnbanned outbox row.
CREATE TABLE account_bans (
    account_id uuid        PRIMARY KEY REFERENCES accounts (id),
    reason     text        NOT NULL,
    until      timestamptz,
    banned_at  timestamptz NOT NULL,
    banned_by  text        NOT NULL
);
