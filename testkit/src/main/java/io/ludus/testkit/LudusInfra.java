package io.ludus.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes every testkit handle injectable: {@link TestKafka}, {@link TestSchemaRegistry}, {@link TestPostgres},
 * {@link TestS3}. Only the servers behind the parameters a test actually declares are started.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class, PostgresExtension.class, S3Extension.class})
public @interface LudusInfra {
}
