-- Password logins: one Argon2id hash (a PHC string, parameters included) per account.
CREATE TABLE password_credentials (
    account_id uuid        PRIMARY KEY REFERENCES accounts (id),
    hash       text        NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Password account names are unique whatever their case, so "Alice" cannot pose as "alice".
CREATE UNIQUE INDEX accounts_password_name_ci ON accounts (lower(name)) WHERE auth_provider = 'password';

-- A session: one login's chain of refresh tokens. Access tokens carry family_id as the claim `sid`;
-- a revoked family (logout, reuse) or one past expires_at (absolute lifetime) refreshes no more.
CREATE TABLE refresh_families (
    family_id  uuid        PRIMARY KEY,
    account_id uuid        NOT NULL REFERENCES accounts (id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

INSERT INTO refresh_families (family_id, account_id, created_at, expires_at)
SELECT family_id, account_id, min(issued_at), max(expires_at) FROM refresh_tokens GROUP BY family_id, account_id;

ALTER TABLE refresh_tokens
    ADD CONSTRAINT refresh_tokens_family_fk FOREIGN KEY (family_id) REFERENCES refresh_families (family_id) ON DELETE CASCADE;

-- The hash of the token that replaced this one: a retry within the grace window is answered
-- with that same token as long as it has not been used itself.
ALTER TABLE refresh_tokens ADD COLUMN successor_hash bytea;

CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);
CREATE INDEX refresh_families_expiry ON refresh_families (expires_at);
