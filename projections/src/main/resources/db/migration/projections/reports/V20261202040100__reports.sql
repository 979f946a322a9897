-- report_id is the SubmitReport command's eventId: stable across rebuilds, so operator statuses
-- (kept in projections_ops, which rebuilds never touch) stay attached.
CREATE TABLE reports (
    report_id    uuid        PRIMARY KEY,
    player_id    text        NOT NULL,
    command_id   text        NOT NULL,
    kind         text        NOT NULL,
    text         text        NOT NULL,
    match_id     text,
    client_build text,
    submitted_at timestamptz NOT NULL
);
CREATE INDEX reports_newest ON reports (submitted_at DESC, report_id DESC);
