-- Friendships are stored in both directions so each owner reads one index range.
CREATE TABLE friendships (
    player_id text        NOT NULL,
    friend_id text        NOT NULL,
    since     timestamptz NOT NULL,
    PRIMARY KEY (player_id, friend_id)
);

CREATE TABLE friend_requests (
    requester_id text        NOT NULL,
    recipient_id text        NOT NULL,
    sent_at      timestamptz NOT NULL,
    PRIMARY KEY (requester_id, recipient_id)
);
CREATE INDEX friend_requests_incoming ON friend_requests (recipient_id, requester_id);

CREATE TABLE blocks (
    blocker_id text        NOT NULL,
    blocked_id text        NOT NULL,
    since      timestamptz NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
