-- The notification log: every player's notifications, as the frames clients receive, so that a client
-- resumes after its last seq on any node. Written idempotently by the ingress nodes' archive consumer group;
-- rows older than ludus.ingress.delivery.retention are purged except each player's newest.
CREATE TABLE notification_log (
    player_id   text        NOT NULL,
    seq         bigint      NOT NULL,
    occurred_at timestamptz NOT NULL,
    frame       text        NOT NULL,
    PRIMARY KEY (player_id, seq)
);

CREATE INDEX notification_log_occurred_at ON notification_log (occurred_at);
