package io.ludus.standalone;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's start-up steps and what each waits for. {@link #run} starts every step as soon as
 * the steps it names are done, so independent ones (Kafka and PostgreSQL) overlap. Steps are
 * numbered in the order they are added; the total is counted when the plan runs.
 */
final class StartupPlan {

    /** A step added to the plan; pass it to later steps that need it. */
    static final class Step {
        private final int number;
        private final String name;
        private final List<Step> after;
        private final Supplier<String> action;
        private CompletableFuture<Void> done;

        private Step(int number, String name, List<Step> after, Supplier<String> action) {
            this.number = number;
            this.name = name;
            this.after = after;
            this.action = action;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(LogFiles.PROGRESS_LOGGER);

    private final List<Step> steps = new ArrayList<>();

    /**
     * Adds a step that starts once every step in {@code after} is done. {@code action} does the
     * work and returns what the ready line shows (a URL, a count).
     */
    Step step(String name, List<Step> after, Supplier<String> action) {
        Step step = new Step(steps.size() + 1, name, List.copyOf(after), action);
        steps.add(step);
        return step;
    }

    /**
     * Runs every step, printing a line when each begins and ends. A step whose prerequisite failed
     * never starts; the steps already running finish, then the first failure is thrown.
     */
    void run(PrintStream out) {
        int total = steps.size();
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("ludus-start-", 1).factory())) {
            for (Step step : steps) {
                CompletableFuture<?>[] prerequisites = step.after.stream().map(s -> s.done).toArray(CompletableFuture[]::new);
                step.done = CompletableFuture.allOf(prerequisites).thenRunAsync(() -> runStep(out, step, total), threads);
            }
            List<Throwable> failures = new ArrayList<>();
            for (Step step : steps) {
                try {
                    step.done.join();
                } catch (CompletionException e) {
                    failures.add(e.getCause());
                }
            }
            // a step that waited on a failed one fails with that same cause; report the first
            if (!failures.isEmpty()) {
                rethrow(failures.getFirst());
            }
        }
    }

    private static void runStep(PrintStream out, Step step, int total) {
        line(out, String.format("[%d/%d] %s...", step.number, total, step.name));
        long t0 = System.nanoTime();
        String detail = step.action.get();
        line(out, String.format("[%d/%d] %s ready in %.1f s: %s", step.number, total, step.name,
                (System.nanoTime() - t0) / 1e9, detail));
    }

    /** Prints a progress line for the host and copies it to the log file. */
    static void line(PrintStream out, String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
        log.info(text);
    }

    private static void rethrow(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
