package io.ludus.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.micronaut.web.router.Router;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin dashboard in a real browser (headless Chromium through chromedriver) against a whole standalone server:
 * sign in, watch a queue fill as players join, ban an account, open a replay and its verification, close a report
 * whose text is a script. Skipped when Chromium or chromedriver is missing (`.ci/install-browser` installs them).
 * Screenshots go to target/admin-screenshots/.
 */
@Tag("integration")
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminDashboardBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "admin-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path dataDir;
    static LudusServer server;
    static WebDriver browser;
    static String operatorPassword;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = executable("chromium", "chromium-browser", "google-chrome");
        Path chromedriver = executable("chromedriver");
        assumeTrue(chromium != null && chromedriver != null, "chromium and chromedriver are not installed (run .ci/install-browser)");
        StandaloneConfig config = StandaloneConfig.parse(new String[] {"--data-dir", dataDir.toString(),
                "--http-port", "0", "--kafka-port", "0", "--kafka-controller-port", "0", "--registry-port", "0",
                "--postgres-port", "0"}, Map.of());
        server = LudusServer.start(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        operatorPassword = Files.readString(dataDir.resolve("secrets").resolve(LudusServer.OPERATOR_PASSWORD_FILE)).strip();
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        // on a loaded machine a form's next page can still be on its way when the test looks for an element in it
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aPlayersTokenIsRefusedOnEveryAdminPage() throws Exception {
        String token = LudusTestClient.loginOffline(server.httpUri(), "curious-player").path("accessToken").asText();
        List<String> routes = server.services().getBean(Router.class).uriRoutes()
                .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate().toString().replaceAll("\\{[?&][^}]*}", ""))
                .filter(r -> r.contains(" /admin") && !r.endsWith(" /admin/login"))
                .distinct().sorted().toList();
        assertThat(routes).as("admin routes").contains("GET /admin/queues", "GET /admin/accounts", "POST /admin/accounts/{accountId}/ban",
                "GET /admin/matches/{matchId}/replay", "POST /admin/reports/{reportId}/status");
        HttpClient http = HttpClient.newHttpClient();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]*}", "00000000-0000-0000-0000-000000000000");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.httpUri().resolve(path))
                    .method(method, HttpRequest.BodyPublishers.ofString("csrf=x&status=closed&reason=r"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "text/html")
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s with a player's token", route).isEqualTo(403);
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(server.httpUri().resolve(path))
                    .method(method, HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("%s without credentials", route).isEqualTo(401);
        }
    }

    @Test
    @Order(2)
    void operatorSignsInAfterAWrongPassword() throws Exception {
        browser.get(server.httpUri().resolve("/admin/queues").toString());
        assertThat(browser.getCurrentUrl()).as("a browser without a session is sent to the login form").endsWith("/admin/login");
        signIn("operator", "not-the-password-at-all");
        assertThat(browser.getPageSource()).contains("Wrong name or password.");
        signIn("operator", operatorPassword);
        assertThat(browser.getCurrentUrl()).endsWith("/admin/queues");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Queues");
        screenshot("01-signed-in");
    }

    @Test
    @Order(3)
    void theQueuePageShowsAPlayerWaitingThenTheirMatchWithAReplayThatVerifies() throws Exception {
        JsonNode first = LudusTestClient.loginOffline(server.httpUri(), "bot-ann");
        join(first, "casual-3v3", 7);
        String depth = awaitPage("/admin/queues", () -> {
            List<WebElement> cells = browser.findElements(By.cssSelector("tr[data-queue='casual-3v3'] td.depth"));
            return cells.isEmpty() || cells.getFirst().getText().equals("0") ? null : cells.getFirst().getText();
        });
        assertThat(Integer.parseInt(depth)).as("players waiting in casual-3v3").isGreaterThanOrEqualTo(1);
        screenshot("02-queue-filling");

        JsonNode second = LudusTestClient.loginOffline(server.httpUri(), "bot-ben");
        join(second, "casual-3v3", 8);
        WebElement replayLink = awaitPage("/admin/matches", () -> {
            List<WebElement> links = browser.findElements(By.cssSelector("#matches a.replay"));
            return links.isEmpty() ? null : links.getFirst();
        });
        screenshot("03-recent-matches");
        navigate(replayLink);
        assertThat(browser.findElement(By.id("outcome")).getText()).startsWith("outcome ").contains("ticks");
        assertThat(browser.getPageSource()).contains("Team A:").contains("Team B:");
        screenshot("04-replay");
        navigate(browser.findElement(By.linkText("verify")));
        assertThat(browser.findElement(By.id("verdict")).getText()).startsWith("identical:");
        screenshot("05-verified");

        String formed = awaitPage("/admin/queues", () -> {
            List<WebElement> cells = browser.findElements(By.cssSelector("tr[data-queue='casual-3v3'] td.matches"));
            return cells.isEmpty() || List.of("-", "0").contains(cells.getFirst().getText()) ? null : cells.getFirst().getText();
        });
        assertThat(Integer.parseInt(formed)).as("matches formed in casual-3v3").isGreaterThanOrEqualTo(1);
        List<WebElement> charts = browser.findElements(By.cssSelector("tr[data-queue='casual-3v3'] figure.chart.drawn canvas"));
        assertThat(charts).as("the queue's charts, drawn by the vendored uPlot").hasSize(3);
        screenshot("05b-queue-charts");
    }

    @Test
    @Order(4)
    void operatorBansAnAccountAndTheBanIsPublished() throws Exception {
        String playerId = LudusTestClient.loginOffline(server.httpUri(), "cheater-cal").path("playerId").asText();
        browser.get(server.httpUri().resolve("/admin/accounts").toString());
        browser.findElement(By.id("q")).sendKeys("cheater");
        navigate(browser.findElement(By.id("find")));
        WebElement row = browser.findElement(By.cssSelector("tr[data-account='" + playerId + "']"));
        assertThat(row.findElement(By.cssSelector("td.standing")).getText()).isEqualTo("in good standing");
        row.findElement(By.name("reason")).sendKeys("aimbot <b>confirmed</b>");
        row.findElement(By.name("hours")).sendKeys("48");
        navigate(row.findElement(By.tagName("button")));
        String standing = browser.findElement(By.cssSelector("tr[data-account='" + playerId + "'] td.standing")).getText();
        assertThat(standing).startsWith("banned until").contains("aimbot <b>confirmed</b>").contains("(operator)");
        screenshot("06-banned");

        AccountBanned banned = awaitBan(playerId);
        assertThat(banned.getReason()).isEqualTo("aimbot <b>confirmed</b>");
        assertThat(banned.getUntil()).isNotNull();

        navigate(browser.findElement(By.cssSelector("tr[data-account='" + playerId + "'] button")));
        assertThat(browser.findElement(By.cssSelector("tr[data-account='" + playerId + "'] td.standing")).getText())
                .isEqualTo("in good standing");
    }

    @Test
    @Order(5)
    void aReportWithAScriptShowsAsTextAndTheOperatorClosesIt() throws Exception {
        JsonNode reporter = LudusTestClient.loginOffline(server.httpUri(), "reporter-rae");
        LudusTestClient.Socket socket = LudusTestClient.connect(server.webSocketUri(), reporter.path("accessToken").asText());
        String text = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\"> healer stuck";
        socket.send(LudusTestClient.JSON.createObjectNode().put("type", "report.submit").put("id", "report-1")
                .put("kind", "bug").put("text", text));
        assertThat(socket.awaitReply("report-1", Duration.ofSeconds(30)).path("type").asText()).isEqualTo("ack");
        socket.close();

        WebElement cell = awaitPage("/admin/reports?status=new", () -> browser.findElements(By.cssSelector("#reports td.text")).stream()
                .filter(td -> td.getText().contains("healer stuck")).findFirst().orElse(null));
        assertThat(cell.getText()).isEqualTo(text);
        assertThat(browser.getTitle()).doesNotContain("pwned");
        assertThat(browser.findElements(By.cssSelector("#reports script, #reports img"))).isEmpty();
        screenshot("07-reports");

        WebElement row = cell.findElement(By.xpath(".."));
        String reportId = row.getAttribute("data-report");
        navigate(row.findElements(By.tagName("button")).stream().filter(b -> b.getText().equals("close")).findFirst().orElseThrow());
        browser.get(server.httpUri().resolve("/admin/reports?status=closed").toString());
        assertThat(browser.findElement(By.cssSelector("tr[data-report='" + reportId + "'] td.status")).getText())
                .isEqualTo("closed (operator)");
        screenshot("08-report-closed");
    }

    private static void signIn(String name, String password) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        navigate(browser.findElement(By.id("sign-in")));
    }

    /**
     * Clicks a link or a form button and waits until the next page has loaded. A form post's navigation can commit
     * after {@code click()} returns, and an element looked up in between belongs to the old page (it goes stale as it
     * is read, and Chrome may report even the staleness check as an unknown error). So the old page's window is
     * marked, and the wait is for a complete document whose window has no mark, retrying through whatever the driver
     * throws while the page changes.
     */
    private static void navigate(WebElement linkOrButton) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.ludusPageLeft = true");
        linkOrButton.click();
        new WebDriverWait(browser, WAIT).ignoring(WebDriverException.class).until(driver -> Boolean.TRUE.equals(
                ((JavascriptExecutor) driver).executeScript("return window.ludusPageLeft === undefined && document.readyState === 'complete'")));
    }

    private static void join(JsonNode player, String queue, long seed) throws InterruptedException {
        LudusTestClient.Socket socket = LudusTestClient.connect(server.webSocketUri(), player.path("accessToken").asText());
        String id = "join-" + player.path("playerId").asText();
        socket.send(LudusTestClient.queueJoin(id, queue, seed));
        assertThat(socket.awaitReply(id, Duration.ofSeconds(30)).path("type").asText()).isEqualTo("ack");
        socket.close();
    }

    /** Reloads {@code path} until {@code found} returns something (the dashboard is server-rendered: no live updates). */
    private static <T> T awaitPage(String path, Supplier<T> found) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            browser.get(server.httpUri().resolve(path).toString());
            T value = found.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(1000);
        }
        screenshot("timeout-" + path.replaceAll("[^a-z]", "-"));
        throw new AssertionError("nothing wanted on " + path + " within " + WAIT);
    }

    private static AccountBanned awaitBan(String playerId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, server.kafkaBootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (SchemaRegistryClient registry = new SchemaRegistryClient(server.registryUri());
                KafkaConsumer<String, AccountEvent> consumer = new KafkaConsumer<>(p, Topics.ACCOUNT_EVENTS.keySerde().deserializer(),
                        Topics.ACCOUNT_EVENTS.valueSerde(registry).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCOUNT_EVENTS.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value().getPayload() instanceof AccountBanned b && b.getPlayerId().equals(playerId)) {
                        return b;
                    }
                }
            }
            throw new AssertionError("no AccountBanned for " + playerId + " within " + WAIT);
        }
    }

    private static void screenshot(String name) {
        try {
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }

    private static Path executable(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
