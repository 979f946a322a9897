package io.ludus.ingress.queue;

import io.ludus.events.queue.InvalidQueueConfigException;
import io.ludus.events.queue.QueueDefinitions;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** The queues a client may join: the same {@code ludus.queues.*} definitions the matchmaker matches by. */
@Factory
class QueueCatalog {

    @Singleton
    QueueDefinitions queues(Environment environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        environment.getProperties("ludus.queues", StringConvention.RAW)
                .forEach((key, value) -> settings.put("ludus.queues." + key, String.valueOf(value)));
        try {
            return QueueDefinitions.parse(settings);
        } catch (InvalidQueueConfigException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }
}
