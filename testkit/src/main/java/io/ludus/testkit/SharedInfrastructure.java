package io.ludus.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/** One instance of each server per test JVM: kept in the root store, started on first request, closed when the engine finishes. */
final class SharedInfrastructure {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedInfrastructure.class);

    private SharedInfrastructure() {
    }

    static <T extends AutoCloseable> T get(ExtensionContext context, Class<T> type, Supplier<T> starter) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(type, key -> starter.get(), type);
    }

    static TestKafka kafka(ExtensionContext context) {
        return get(context, TestKafka.class, TestKafka::start);
    }
}
