package io.ludus.tools.replay;

import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.replay.store.ReplayStoreException;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.InvalidOptionException;
import io.ludus.tools.cli.ToolException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** MATCH|FILE: a replay file if the path exists, else a match id looked up in the replay directory. */
final class ReplaySource {

    @Parameters(paramLabel = "MATCH|FILE", description = "A replay file, or a match id to find under --replays.")
    String matchOrFile;

    @Option(names = "--replays", paramLabel = "DIR", defaultValue = "./data/replays",
            description = "The file-system replay store to look match ids up in (default: ${DEFAULT-VALUE}, the standalone server's).")
    Path replays;

    InputStream open() {
        Path file = Path.of(matchOrFile);
        if (Files.isRegularFile(file)) {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new ToolException(ExitCode.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (!Files.isDirectory(replays)) {
            throw new ToolException(ExitCode.NOT_FOUND, "'" + matchOrFile + "' is not a file, and --replays " + replays
                    + " is not a directory to look the match up in");
        }
        try {
            return new FileSystemReplayStore(replays).open(matchOrFile);
        } catch (ReplayStoreException e) {
            if (e.reason() == ReplayStoreException.Reason.NOT_FOUND) {
                throw new ToolException(ExitCode.NOT_FOUND, "no replay for match '" + matchOrFile + "' under " + replays);
            }
            throw new ToolException(ExitCode.FAILURE, "cannot open the replay of '" + matchOrFile + "': " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("MATCH|FILE", "'" + matchOrFile + "' is neither a file nor a valid match id: " + e.getMessage());
        }
    }
}
