package io.ludus.ingress.delivery;

import io.ludus.events.notification.PlayerNotification;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A notification as the client sees it: {@code {"type":"notification","seq":..,"id":..,"occurredAt":..,
 * "event":"MatchFound","data":{...}}}. {@code event} is the Avro record name and {@code data} its fields,
 * so a field added to a schema reaches clients without code here.
 */
@Singleton
public final class NotificationFrames {

    private final JsonMapper json;

    NotificationFrames(JsonMapper json) {
        this.json = json;
    }

    public String encode(PlayerNotification notification) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "notification");
        frame.put("seq", notification.getSequence());
        frame.put("id", notification.getEventId().toString());
        frame.put("occurredAt", notification.getOccurredAt().toString());
        SpecificRecord payload = (SpecificRecord) notification.getPayload();
        frame.put("event", payload.getSchema().getName());
        frame.put("data", plain(payload));
        return write(frame);
    }

    /** The typed error a socket gets when notifications it has not seen are gone: resync from the query API. */
    String resyncRequired(long resumesAfter, String message) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("id", null);
        frame.put("code", "RESYNC_REQUIRED");
        frame.put("message", message);
        frame.put("resumesAfter", resumesAfter);
        return write(frame);
    }

    private String write(Map<String, Object> frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a notification frame", e);
        }
    }

    private static Object plain(Object value) {
        return switch (value) {
            case null -> null;
            case SpecificRecord record -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (Schema.Field field : record.getSchema().getFields()) {
                    fields.put(field.name(), plain(record.get(field.pos())));
                }
                yield fields;
            }
            case CharSequence text -> text.toString();
            case Enum<?> constant -> constant.name();
            case Instant instant -> instant.toString();
            case UUID uuid -> uuid.toString();
            case List<?> list -> {
                List<Object> items = new ArrayList<>(list.size());
                list.forEach(item -> items.add(plain(item)));
                yield items;
            }
            default -> value;
        };
    }
}
