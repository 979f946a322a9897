package io.ludus.ingress.account;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.account.AccountUnbanned;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.testkit.PostgresExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestPostgres;
import io.ludus.testkit.TestSchemaRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's ban and unban: the account's standing and its account-events outbox row change together. */
@Tag("integration")
@Timeout(120)
@ExtendWith({PostgresExtension.class, SchemaRegistryExtension.class})
class AccountBansTest {

    @Test
    void banAndUnbanChangeTheStandingAndPublishTheirEvents(TestPostgres postgres, TestSchemaRegistry registry) throws Exception {
        TestDatabase database = postgres.freshDatabase();
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration/ingress").load().migrate();
        try (SchemaRegistryClient client = new SchemaRegistryClient(URI.create(registry.url()))) {
            AccountRepository accounts = new AccountRepository(database.dataSource(), new AccountEventEncoder(client));
            Account cal = accounts.findOrCreate(AuthProvider.OFFLINE, "cheater_cal");
            accounts.findOrCreate(AuthProvider.OFFLINE, "honest_hal");
            Instant until = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);

            var banned = accounts.ban(cal.id(), "aimbot", until, "operator").orElseThrow();
            assertThat(banned.banned()).isTrue();
            assertThat(banned.ban().reason()).isEqualTo("aimbot");
            assertThat(banned.ban().until()).isEqualTo(until);
            assertThat(banned.ban().bannedBy()).isEqualTo("operator");
            assertThat(accounts.search("CHEATER", 10)).singleElement().satisfies(a -> assertThat(a.banned()).isTrue());
            assertThat(accounts.search("hal", 10)).singleElement().satisfies(a -> assertThat(a.banned()).isFalse());

            var unbanned = accounts.unban(cal.id()).orElseThrow();
            assertThat(unbanned.banned()).isFalse();
            accounts.unban(cal.id());

            List<AccountEvent> events = outbox(database, client, cal.id());
            assertThat(events).as("created, banned, unbanned; a second unban publishes nothing").hasSize(3);
            assertThat(events.get(1).getPayload()).isInstanceOfSatisfying(AccountBanned.class, b -> {
                assertThat(b.getPlayerId()).isEqualTo(cal.id().toString());
                assertThat(b.getReason()).isEqualTo("aimbot");
                assertThat(b.getUntil()).isEqualTo(until);
            });
            assertThat(events.get(2).getPayload()).isInstanceOf(AccountUnbanned.class);
        }
    }

    @Test
    void anExpiredBanIsNoBanAndUnknownAccountsChangeNothing(TestPostgres postgres, TestSchemaRegistry registry) throws Exception {
        TestDatabase database = postgres.freshDatabase();
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration/ingress").load().migrate();
        try (SchemaRegistryClient client = new SchemaRegistryClient(URI.create(registry.url()))) {
            AccountRepository accounts = new AccountRepository(database.dataSource(), new AccountEventEncoder(client));
            Account dee = accounts.findOrCreate(AuthProvider.OFFLINE, "dee");
            assertThat(accounts.ban(dee.id(), "spam", Instant.now().minusSeconds(60), "operator").orElseThrow().banned()).isFalse();
            assertThat(accounts.ban(UUID.randomUUID(), "spam", null, "operator")).isEmpty();
            assertThat(accounts.unban(UUID.randomUUID())).isEmpty();
            assertThat(accounts.search("%", 10)).as("LIKE wildcards in the search are literal").isEmpty();
            assertThat(accounts.search(dee.id().toString(), 10)).singleElement().satisfies(a -> assertThat(a.account().name()).isEqualTo("dee"));
        }
    }

    private static List<AccountEvent> outbox(TestDatabase database, SchemaRegistryClient client, UUID accountId) throws Exception {
        var deserializer = Topics.ACCOUNT_EVENTS.valueSerde(client).deserializer();
        List<AccountEvent> events = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT payload FROM outbox WHERE aggregateid = ? ORDER BY occurred_at, type")) {
            s.setString(1, accountId.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(deserializer.deserialize(Topics.ACCOUNT_EVENTS.name(), rs.getBytes(1)));
                }
            }
        }
        return events;
    }
}
