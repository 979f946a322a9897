-- queue_id '*' holds the totals over every queue.
CREATE TABLE player_stats (
    player_id    text   NOT NULL,
    queue_id     text   NOT NULL,
    matches      bigint NOT NULL,
    wins         bigint NOT NULL,
    losses       bigint NOT NULL,
    draws        bigint NOT NULL,
    kills        bigint NOT NULL,
    deaths       bigint NOT NULL,
    damage_dealt bigint NOT NULL,
    damage_taken bigint NOT NULL,
    healing_done bigint NOT NULL,
    PRIMARY KEY (player_id, queue_id)
);

CREATE TABLE class_usage (
    player_id text   NOT NULL,
    queue_id  text   NOT NULL,
    class_id  text   NOT NULL,
    units     bigint NOT NULL,
    PRIMARY KEY (player_id, queue_id, class_id)
);

-- Matches already counted: a MatchCompleted produced twice (same matchId) counts once.
CREATE TABLE counted_matches (
    match_id text PRIMARY KEY
);
