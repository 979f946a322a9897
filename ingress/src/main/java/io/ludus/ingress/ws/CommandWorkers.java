package io.ludus.ingress.ws;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Virtual threads for the part of a command that may block (registry lookup, broker metadata). */
@Singleton
final class CommandWorkers {

    final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @PreDestroy
    void close() {
        executor.close();
    }
}
