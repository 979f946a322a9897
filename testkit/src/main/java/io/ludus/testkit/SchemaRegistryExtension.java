package io.ludus.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Injects the shared {@link TestSchemaRegistry}; it starts, with the shared broker, on the first injection in this JVM. */
public final class SchemaRegistryExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestSchemaRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // the broker enters the store first, so it is closed after the registry that reads from it
        TestKafka kafka = SharedInfrastructure.kafka(context);
        return SharedInfrastructure.get(context, TestSchemaRegistry.class, () -> TestSchemaRegistry.start(kafka));
    }
}
