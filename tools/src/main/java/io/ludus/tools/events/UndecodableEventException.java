package io.ludus.tools.events;

import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.ToolException;

/** A record whose value cannot be decoded: export stops on it rather than write a file with holes. */
public final class UndecodableEventException extends ToolException {

    public UndecodableEventException(String topic, String problem) {
        super(ExitCode.BAD_DATA, "cannot decode a record of " + topic + ": " + problem);
    }
}
