package io.ludus.projections.streams;

import java.nio.file.Path;

/**
 * The settings every projection Streams application has under its own prefix ({@code ludus.projections.ratings.*},
 * {@code ludus.projections.social.*}): enabled, application id, state directory and topic prefix.
 */
public abstract class StreamsAppProperties {

    private boolean enabled = true;
    private String applicationId;
    private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "ludus-streams");
    private String topicPrefix = "";

    protected StreamsAppProperties(String defaultApplicationId) {
        this.applicationId = defaultApplicationId;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getApplicationId() {
        return applicationId;
    }

    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    public Path getStateDir() {
        return stateDir;
    }

    public void setStateDir(Path stateDir) {
        this.stateDir = stateDir;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }
}
