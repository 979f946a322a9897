package io.ludus.ingress.account;

import com.sun.net.httpserver.HttpServer;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.testkit.PostgresExtension;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 10: creating an account must not wait for the schema registry inside an open
 * PostgreSQL transaction, or a slow registry holds pool connections (and row locks) hostage.
 */
@Tag("integration")
@Timeout(120)
@ExtendWith(PostgresExtension.class)
class AccountCreationTransactionTest {

    @Test
    void noTransactionIsOpenWhileTheRegistryIsSlow(TestPostgres postgres) throws Exception {
        TestDatabase database = postgres.freshDatabase();
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration/ingress").load().migrate();
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/", exchange -> {
            asked.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        registry.start();
        try (SchemaRegistryClient client = new SchemaRegistryClient(
                URI.create("http://127.0.0.1:" + registry.getAddress().getPort()), Duration.ofSeconds(30))) {
            AccountRepository accounts = new AccountRepository(database.dataSource(), new AccountEventEncoder(client));
            CompletableFuture<Account> creation = CompletableFuture.supplyAsync(() -> accounts.findOrCreate(AuthProvider.OFFLINE, "quinn"));

            assertThat(asked.await(30, TimeUnit.SECONDS)).as("the registry was asked").isTrue();
            Thread.sleep(300);
            long openTransactions = openTransactions(database);
            release.countDown();

            assertThat(openTransactions).as("transactions open while the registry is slow").isZero();
            assertThat(creation).failsWithin(Duration.ofSeconds(30));
            assertThat(accountRows(database)).as("a failed encoding creates nothing").isZero();
        } finally {
            release.countDown();
            registry.stop(0);
        }
    }

    private static long openTransactions(TestDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                             + "AND xact_start IS NOT NULL");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long accountRows(TestDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM accounts");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
