package io.ludus.matchmaker.matching;

import io.ludus.events.queue.QueueDefinition;

/**
 * A queue sharded by rating band ({@link QueueDefinition#bandWidth()}): band {@code b} holds the ratings
 * {@code [b * width, (b + 1) * width)}, its home tickets. A home ticket whose window reaches below the band's lower
 * edge moves, once, to the band below ({@link Matcher#takeHandOffs}), so two tickets either side of an edge meet in
 * the lower band. An unbanded queue is band 0.
 */
public final class Bands {

    private Bands() {}

    public static int home(QueueDefinition queue, double rating) {
        return queue.banded() ? (int) Math.floor(rating / queue.bandWidth()) : 0;
    }

    static double lowerEdge(QueueDefinition queue, int band) {
        return (double) band * queue.bandWidth();
    }
}
