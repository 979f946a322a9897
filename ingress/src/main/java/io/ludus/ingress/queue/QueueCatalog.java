package io.ludus.ingress.queue;

import io.ludus.events.queue.InvalidQueueConfigException;
import io.ludus.events.queue.QueueDefinition;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.ingress.IngressProperties;
import io.ludus.service.InvalidSettingException;
import io.ludus.service.NamedSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * The queues a client may join: the same {@code ludus.queues.*} definitions the matchmaker matches by. Read at
 * startup, so a bad definition stops the service instead of its first join.
 */
@Factory
class QueueCatalog {

    @Context
    QueueDefinitions queues(Environment environment, IngressProperties ingress) {
        QueueDefinitions queues;
        try {
            queues = QueueDefinitions.parse(NamedSettings.read(environment, "ludus.queues", QueueDefinitions.FIELDS));
        } catch (InvalidQueueConfigException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        for (QueueDefinition queue : queues.all()) {
            if (queue.spread() > ingress.maxSpread()) {
                // a join that names no spread gets the queue's, and ingress refuses it above max-spread: every such
                // join would answer INVALID_COMMAND
                throw new InvalidSettingException(QueueDefinitions.PREFIX + queue.id() + ".spread", "is " + queue.spread()
                        + ", above ludus.ingress.max-spread (" + ingress.maxSpread() + "), so every join naming no spread"
                        + " would be refused; lower it or raise ludus.ingress.max-spread");
            }
        }
        return queues;
    }
}
