package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operations console of the running examples app in a real browser: the OS's headless Chromium, driven through
 * its chromedriver. The page loads without a console error, shows the backlog of a stopped group, finds a message by
 * key, and re-sends a dead letter (with the confirmation) that its route then consumes. Leaves screenshots in
 * target/console.png (the top of the page), target/console-dead-letters.png (after the re-send) and
 * target/console-transactions.png.
 */
class ConsoleBrowserIT extends ExamplesITSupport {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final String KEY = "db.products.42";

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    EmbeddedRocketMQBroker broker;

    private final AtomicBoolean paymentServiceUp = new AtomicBoolean();
    private final List<String> paid = new CopyOnWriteArrayList<>();
    private final List<String> backlog = new CopyOnWriteArrayList<>();
    private ChromeDriver browser;

    @BeforeEach
    void startChromium(@TempDir Path profile) {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("%s and %s (Debian's chromium and chromium-driver): .ci/run installs them", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1500");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        // the driver named explicitly: Selenium then has no reason to look for (or download) one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (String route : List.of("console-backlog", "console-payments")) {
            camel.getRouteController().stopRoute(route);
            camel.removeRoute(route);
        }
    }

    @Test
    void showsABacklogFindsAMessageByKeyAndResendsADeadLetterThatIsThenConsumed() throws Exception {
        broker.createTopic("console-backlog", 1);
        broker.createTopic("console-payments", 1);
        broker.createTopic("console-products", 2);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:console-backlog?consumerGroup=console-backlog&consumeFromWhere=FIRST_OFFSET")
                        .routeId("console-backlog").process(e -> backlog.add(e.getMessage().getBody(String.class)));
                // the payment service is down: the first attempt goes straight to the dead letters
                from("rocketmq:console-payments?consumerGroup=console-payments&maxReconsumeTimes=0")
                        .routeId("console-payments").process(e -> {
                            if (!paymentServiceUp.get()) {
                                throw new IllegalStateException("payment service down");
                            }
                            paid.add(e.getMessage().getBody(String.class));
                        });
            }
        });
        producer.sendBody("rocketmq:console-backlog", "backlog-1");
        await().atMost(DEADLINE).until(() -> backlog.size() == 1);
        camel.getRouteController().stopRoute("console-backlog");
        for (int i = 2; i <= 4; i++) {
            producer.sendBody("rocketmq:console-backlog", "backlog-" + i);
        }
        producer.sendBody("rocketmq:console-payments", "payment-7");
        producer.sendBodyAndHeader("rocketmq:console-products", "{\"id\": 42, \"name\": \"Espresso cup\"}",
                RocketMQConstants.KEYS, KEY);
        // the broker indexes keys a moment after it stored the message: what a script would wait for
        await().atMost(DEADLINE).until(() -> api("messages?key=" + KEY).contains("console-products"));

        browser.get("http://127.0.0.1:" + port + "/rocketcamel/");

        awaitText(By.cssSelector("#groups tr[data-key='console-backlog@console-backlog'] .lag"), "3");
        // the order saga's transactional producer with its check-backs, the last two the backlog of its check threads
        WebElement orders = await().atMost(DEADLINE).ignoreExceptions().until(() -> browser.findElement(
                By.xpath("//tbody[@id='transactions']/tr[td[3]='order-service']")), row -> true);
        assertThat(orders.findElements(By.tagName("td"))).hasSize(11)
                .allSatisfy(cell -> assertThat(cell.getText()).isNotBlank());
        assertThat(orders.findElements(By.tagName("td")).subList(5, 11))
                .allSatisfy(count -> assertThat(count.getText()).matches("[0-9,]+"));

        browser.findElement(By.id("lookup-value")).sendKeys(KEY);
        browser.findElement(By.id("lookup-find")).click();
        WebElement found = await().atMost(DEADLINE).ignoreExceptions().until(() -> browser.findElement(
                By.xpath("//tbody[@id='lookup-results']/tr[td[2]='console-products']")), row -> true);
        assertThat(found.getText()).contains(KEY, "Espresso cup");

        awaitText(By.cssSelector("#groups tr[data-key='console-payments@console-payments'] .dead-letter-count"), "1");
        click(By.cssSelector("#groups tr[data-key='console-payments@console-payments'] button.show-dead-letters"));
        WebElement letter = await().atMost(DEADLINE).ignoreExceptions().until(() -> browser.findElement(
                By.xpath("//tbody[@id='dead-letters']/tr[contains(., 'payment-7')]")), row -> true);
        assertThat(letter.getText()).contains("console-payments");
        paymentServiceUp.set(true);
        letter.findElement(By.cssSelector("button.resend")).click();
        await().atMost(DEADLINE).until(() -> browser.findElement(By.id("confirm")).isDisplayed());
        assertThat(browser.findElement(By.id("confirm-text")).getText()).contains("console-payments");
        browser.findElement(By.id("confirm-yes")).click();

        awaitText(By.id("resend-result"), "re-sent 1");
        await().atMost(DEADLINE).until(() -> paid.contains("payment-7"));
        // the route's row counts the failed attempt and the consumed re-send
        awaitText(By.xpath("//tbody[@id='consumers']/tr[@data-key='console-payments']/td[8]"), "2");
        awaitText(By.xpath("//tbody[@id='dead-letters']/tr[contains(., 'payment-7')]/td[8]"), "to console-payments as");
        // re-sent once: its row offers no second re-send (the server refuses one)
        assertThat(browser.findElements(By.xpath("//tbody[@id='dead-letters']/tr[contains(., 'payment-7')]//button")))
                .isEmpty();
        // "Re-send all" takes the rows shown that were not re-sent: none is left
        click(By.id("resend-all"));
        awaitText(By.id("resend-result"), "nothing shown to re-send");

        Files.write(Path.of("target", "console-dead-letters.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.executeScript("document.getElementById('transactions-section').scrollIntoView()");
        Files.write(Path.of("target", "console-transactions.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.executeScript("window.scrollTo(0, 0)");
        Files.write(Path.of("target", "console.png"), browser.getScreenshotAs(OutputType.BYTES));
        assertThat(paid).containsExactly("payment-7");

        // a control entry proves the browser's log reaches this test: it must be the only warning or error
        browser.executeScript("console.error('control entry')");
        List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
        assertThat(problems).as("the browser's console").singleElement().asString().contains("control entry");
    }

    private void awaitText(By element, String text) {
        await().atMost(DEADLINE).ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElements(element).stream().anyMatch(e -> e.getText().contains(text)));
    }

    /** The page rewrites a cell when its content changed: a click may find the button it looked up replaced. */
    private void click(By button) {
        await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> browser.findElement(button).click());
    }

    private String api(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rocketcamel/api/" + path))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
