CREATE TABLE ratings (
    player_id  text             PRIMARY KEY,
    rating     double precision NOT NULL,
    deviation  double precision NOT NULL,
    volatility double precision NOT NULL,
    games      int              NOT NULL,
    wins       int              NOT NULL,
    losses     int              NOT NULL,
    draws      int              NOT NULL,
    match_id   text,
    updated_at timestamptz      NOT NULL
);

-- the queue of each completed match, so a rating change (which names only its match) finds its queue boards
CREATE TABLE match_queues (
    match_id text    PRIMARY KEY,
    queue_id text    NOT NULL,
    ranked   boolean NOT NULL
);

CREATE TABLE rating_changes (
    player_id     text             NOT NULL,
    match_id      text             NOT NULL,
    rating_before double precision NOT NULL,
    rating_after  double precision NOT NULL,
    deviation     double precision NOT NULL,
    games         int              NOT NULL,
    occurred_at   timestamptz      NOT NULL,
    PRIMARY KEY (player_id, match_id)
);
CREATE INDEX rating_changes_match ON rating_changes (match_id);

-- One row per player per board ('global', 'queue/Q', 'season/S', 'season/S/queue/Q'). Order: rating desc, then
-- player_id desc; the index serves pages, neighbours and the count inside one bucket.
CREATE TABLE board_entries (
    board_id  text             NOT NULL,
    player_id text             NOT NULL,
    rating    double precision NOT NULL,
    deviation double precision NOT NULL,
    games     int              NOT NULL,
    PRIMARY KEY (board_id, player_id)
);
CREATE INDEX board_entries_order ON board_entries (board_id, rating, player_id) INCLUDE (deviation);

-- Players per board per whole rating point (floor(rating)), kept in step with board_entries: a rank is the sum
-- of the buckets above plus a count inside one bucket, never a count over the board.
CREATE TABLE board_buckets (
    board_id text   NOT NULL,
    bucket   int    NOT NULL,
    players  bigint NOT NULL,
    PRIMARY KEY (board_id, bucket)
);
