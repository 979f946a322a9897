package io.ludus.projections.readmodel.ratings;

/** Leaderboard ids: the global board, one per queue, one per season, and one per season and queue. */
public final class Boards {

    public static final String GLOBAL = "global";

    private Boards() {
    }

    public static String of(String queueId, String seasonId) {
        String queue = queueId == null ? null : "queue/" + queueId;
        if (seasonId == null) {
            return queue == null ? GLOBAL : queue;
        }
        return "season/" + seasonId + (queue == null ? "" : "/" + queue);
    }

    /** The bucket a rating counts in: whole rating points. */
    public static int bucket(double rating) {
        return (int) Math.floor(rating);
    }
}
