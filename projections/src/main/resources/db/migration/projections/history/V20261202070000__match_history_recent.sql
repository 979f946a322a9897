-- the operators' "recent matches" list, newest first across every player
CREATE INDEX match_history_recent ON match_history (completed_at DESC, match_id DESC);
