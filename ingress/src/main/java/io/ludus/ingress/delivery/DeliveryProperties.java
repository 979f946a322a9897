package io.ludus.ingress.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Notification delivery and resume, under {@code ludus.ingress.delivery}. Each component documents
 * its default; an invalid value fails startup with a message naming the key.
 *
 * @param retention      how long the notification log keeps a notification for resume; each player's newest
 *                       one is kept regardless, so a resume can tell "too old" from "nothing new" (default 1d;
 *                       see the ingress README for sizing)
 * @param purgeInterval  how often a node deletes log rows past retention (default 1h)
 * @param archiveGroup   consumer group in which the ingress nodes share writing the log (default ludus-ingress-notification-log)
 * @param gapTimeout     how long a socket waits for the log to catch up with a notification the live feed
 *                       already saw before it gets RESYNC_REQUIRED (default 10s)
 * @param resumePageSize notifications read from the log and sent per round trip while resuming (default 256)
 * @param archiveCatchUpAfter how long a resume waits for the log writers of its partition (their node may have died,
 *                       and the group notices only after its session timeout) before this node writes that partition
 *                       into the log itself; must be shorter than gap-timeout (default 3s)
 */
@Context
@ConfigurationProperties("ludus.ingress.delivery")
public record DeliveryProperties(
        @Bindable(defaultValue = "1d") Duration retention,
        @Bindable(defaultValue = "1h") Duration purgeInterval,
        @Bindable(defaultValue = "ludus-ingress-notification-log") String archiveGroup,
        @Bindable(defaultValue = "10s") Duration gapTimeout,
        @Bindable(defaultValue = "256") int resumePageSize,
        @Bindable(defaultValue = "3s") Duration archiveCatchUpAfter) {

    public DeliveryProperties {
        positive("ludus.ingress.delivery.retention", retention);
        positive("ludus.ingress.delivery.purge-interval", purgeInterval);
        positive("ludus.ingress.delivery.gap-timeout", gapTimeout);
        positive("ludus.ingress.delivery.archive-catch-up-after", archiveCatchUpAfter);
        if (archiveCatchUpAfter.compareTo(gapTimeout) >= 0) {
            throw new IllegalArgumentException("ludus.ingress.delivery.archive-catch-up-after (" + archiveCatchUpAfter
                    + ") must be shorter than ludus.ingress.delivery.gap-timeout (" + gapTimeout + ")");
        }
        if (archiveGroup == null || archiveGroup.isBlank()) {
            throw new IllegalArgumentException("ludus.ingress.delivery.archive-group must not be blank");
        }
        if (resumePageSize < 1 || resumePageSize > 10_000) {
            throw new IllegalArgumentException("ludus.ingress.delivery.resume-page-size must be between 1 and 10000, was " + resumePageSize);
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, was " + value);
        }
    }
}
