CREATE TABLE match_history (
    player_id    text        NOT NULL,
    match_id     text        NOT NULL,
    completed_at timestamptz NOT NULL,
    queue_id     text        NOT NULL,
    ranked       boolean     NOT NULL,
    result       text        NOT NULL CHECK (result IN ('WIN', 'LOSS', 'DRAW')),
    opponent_id  text        NOT NULL,
    opponent_bot boolean     NOT NULL,
    kills        int         NOT NULL,
    deaths       int         NOT NULL,
    ticks        int         NOT NULL,
    replay_key   text,
    PRIMARY KEY (player_id, match_id)
);
-- newest first, keyset pagination on (completed_at, match_id)
CREATE INDEX match_history_newest ON match_history (player_id, completed_at DESC, match_id DESC);

CREATE TABLE replays (
    match_id        text PRIMARY KEY,
    replay_key      text        NOT NULL,
    uri             text        NOT NULL,
    size_bytes      bigint      NOT NULL,
    sha256          text        NOT NULL,
    format_version  int         NOT NULL,
    content_version text        NOT NULL,
    stored_at       timestamptz NOT NULL,
    expires_at      timestamptz,
    deleted_at      timestamptz,
    deletion_reason text
);
