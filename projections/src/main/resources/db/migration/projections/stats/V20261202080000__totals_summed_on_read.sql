-- Totals over all queues are summed from the per-queue rows when read; the '*' rows are no longer written.
DELETE FROM player_stats WHERE queue_id = '*';
DELETE FROM class_usage WHERE queue_id = '*';
