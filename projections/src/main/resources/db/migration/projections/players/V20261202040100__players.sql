CREATE TABLE players (
    player_id    text        PRIMARY KEY,
    account_id   text        NOT NULL,
    display_name text        NOT NULL,
    banned       boolean     NOT NULL,
    created_at   timestamptz
);
