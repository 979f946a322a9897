package io.ludus.notifier;

import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.notification.RatingChanged;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Numbers each player's notifications 1, 2, 3, ... from the player's cursor in a state store. With
 * exactly_once_v2 the store and the output commit together, so a crash never skips or repeats a number.
 */
final class Sequencer implements Processor<String, PlayerNotification, String, PlayerNotification> {

    private final String storeName;
    private KeyValueStore<String, PlayerCursor> cursors;
    private ProcessorContext<String, PlayerNotification> context;

    Sequencer(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, PlayerNotification> context) {
        this.context = context;
        this.cursors = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, PlayerNotification> record) {
        String playerId = record.key();
        PlayerNotification draft = record.value();
        if (playerId == null || draft == null) {
            return;
        }
        PlayerCursor cursor = cursors.get(playerId);
        if (cursor == null) {
            cursor = PlayerCursor.NEW;
        }
        PlayerNotification.Builder notification = PlayerNotification.newBuilder(draft);
        if (draft.getPayload() instanceof RatingChanged rating) {
            double previous = cursor.rating();
            cursor = cursor.withRating(rating.getRating());
            if (NotificationDrafts.RATING_ONLY.equals(rating.getMatchId())) {
                cursors.put(playerId, cursor);
                return;
            }
            notification.setPayload(RatingChanged.newBuilder(rating).setDelta(rating.getRating() - previous).build());
        }
        cursor = cursor.next();
        cursors.put(playerId, cursor);
        context.forward(record.withValue(notification.setSequence(cursor.lastSequence()).build()));
    }
}
