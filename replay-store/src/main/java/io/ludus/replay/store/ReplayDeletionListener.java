package io.ludus.replay.store;

/**
 * Told about each replay retention deletes, just before it goes, e.g. to publish a ReplayDeleted
 * event. Throwing stops the run and keeps the replay for the next one.
 */
@FunctionalInterface
public interface ReplayDeletionListener {

    void replayDeleted(ReplayRef deleted);
}
