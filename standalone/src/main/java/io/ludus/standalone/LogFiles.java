package io.ludus.standalone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log file per run under {@code <data-dir>/logs/}, so a host can attach the last runs to a bug
 * report: the newest {@value #KEPT_RUNS} runs are kept, each capped at {@value #MAX_FILES_PER_RUN}
 * files of {@value #MAX_FILE_MB} MB.
 */
final class LogFiles {

    /** Copies of the lines the server prints (steps, URLs) go to the log file only: the console has them already. */
    static final String PROGRESS_LOGGER = "ludus.progress";
    static final int KEPT_RUNS = 10;
    static final int MAX_FILES_PER_RUN = 3;
    static final int MAX_FILE_MB = 20;
    private static final String PREFIX = "ludus-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    // the libraries logback.xml keeps at WARN; --verbose lowers them to INFO
    private static final List<String> CHATTY = List.of("kafka", "org.apache.kafka", "state.change.logger", "io.zonky",
            "org.flywaydb", "com.zaxxer.hikari", "io.micronaut", "io.debezium");

    private LogFiles() {}

    /** Starts this run's log file, deletes the oldest runs, and returns the new file. */
    static Path start(Path logsDir, boolean verbose) {
        Path file = logsDir.resolve(PREFIX + LocalDateTime.now().format(STAMP) + ".log");
        try {
            Files.createDirectories(logsDir);
            deleteOldRuns(logsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the log directory " + logsDir, e);
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return file; // another SLF4J binding: it logs where its own configuration says
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file.toString().replaceFirst("\\.log$", ".%i.log"));
        rolling.setMinIndex(1);
        rolling.setMaxIndex(MAX_FILES_PER_RUN - 1);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(MAX_FILE_MB + "MB"));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        ch.qos.logback.classic.Logger progress = context.getLogger(PROGRESS_LOGGER);
        progress.setLevel(Level.INFO);
        progress.setAdditive(false);
        progress.addAppender(appender);

        ConsoleFilter.setVerbose(verbose);
        if (verbose) {
            CHATTY.forEach(name -> context.getLogger(name).setLevel(Level.INFO));
        }
        return file;
    }

    private static void deleteOldRuns(Path logsDir) throws IOException {
        List<String> runs;
        try (Stream<Path> files = Files.list(logsDir)) {
            runs = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(PREFIX) && n.endsWith(".log") && n.length() >= PREFIX.length() + 23)
                    .map(n -> n.substring(0, PREFIX.length() + 19)).distinct()
                    .sorted(Comparator.reverseOrder()).toList();
        }
        // this run will be one more
        for (String old : runs.subList(Math.min(runs.size(), KEPT_RUNS - 1), runs.size())) {
            try (Stream<Path> files = Files.list(logsDir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith(old)).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
