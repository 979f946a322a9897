package io.ludus.tools.cli;

/** An option whose value parses but makes no sense (an unknown partition, a negative duration...). */
public final class InvalidOptionException extends ToolException {

    private final String flag;

    public InvalidOptionException(String flag, String problem) {
        super(ExitCode.USAGE, flag + ": " + problem);
        this.flag = flag;
    }

    public String flag() {
        return flag;
    }
}
