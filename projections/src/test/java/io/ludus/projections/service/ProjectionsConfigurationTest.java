package io.ludus.projections.service;

import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
@Timeout(120)
@LudusInfra
class ProjectionsConfigurationTest {

    @Test
    void queriesOnlyServiceStartsWithoutKafkaAndMigratesEverySchema(TestPostgres postgres) throws Exception {
        TestDatabase db = postgres.freshDatabase();
        Map<String, Object> props = base(db);
        props.put("ludus.projections.enabled", false);
        try (ApplicationContext context = ApplicationContext.run(props)) {
            assertThat(context.getBean(ReadModels.class).projectors()).isEmpty();
        }
        try (var c = db.dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'projections\\_%'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
    }

    @Test
    void blankKafkaFailsStartupNamingTheKey(TestPostgres postgres) {
        Map<String, Object> props = base(postgres.freshDatabase());
        props.put("ludus.kafka.bootstrap-servers", " ");
        assertThatThrownBy(() -> ApplicationContext.run(props).close())
                .hasStackTraceContaining("ludus.kafka.bootstrap-servers (env LUDUS_KAFKA_BOOTSTRAP_SERVERS) must not be blank");
    }

    @Test
    void badSeasonFailsStartupNamingTheKey(TestPostgres postgres) {
        Map<String, Object> props = base(postgres.freshDatabase());
        props.put("ludus.projections.enabled", false);
        props.put("ludus.projections.seasons", List.of("s1=2026-12-01T00:00:00Z/2026-09-01T00:00:00Z"));
        assertThatThrownBy(() -> ApplicationContext.run(props).close())
                .hasStackTraceContaining("ludus.projections.seasons: season s1: start must be before end");
    }

    @Test
    void badBatchSizeFailsStartupNamingTheKey(TestPostgres postgres) {
        Map<String, Object> props = base(postgres.freshDatabase());
        props.put("ludus.projections.max-batch-records", 0);
        assertThatThrownBy(() -> ApplicationContext.run(props).close())
                .hasStackTraceContaining("ludus.projections.max-batch-records must be between 1 and 100000");
    }

    @Test
    void shortJwtSecretFailsStartupNamingTheKey(TestPostgres postgres) {
        Map<String, Object> props = base(postgres.freshDatabase());
        props.put("micronaut.security.token.jwt.signatures.secret.generator.secret", "short");
        assertThatThrownBy(() -> ApplicationContext.run(props).close())
                .hasStackTraceContaining("micronaut.security.token.jwt.signatures.secret.generator.secret must be set");
    }

    private static Map<String, Object> base(TestDatabase db) {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.projections.url", db.jdbcUrl());
        p.put("datasources.projections.username", db.user());
        p.put("datasources.projections.driver-class-name", "org.postgresql.Driver");
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", "test-only-jwt-secret-of-at-least-256-bits-0123456789");
        return p;
    }
}
