package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web console in real Chromium against the running system ({@link TestSystem}): signing in,
 * a job followed live to its end, its screenshot, a cancellation, and one client's page showing
 * none of another's jobs; and the admin's fleet and key pages. With {@code -Dbrowserfleet.console.screenshot=FILE} it also saves the
 * page of the completed job there (the README's picture).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

  private static TestSystem system;
  private static String console;
  private static Path browserTemp;
  private static ChromeDriver browser;

  @BeforeAll
  static void startBrowser() throws IOException {
    system = TestSystem.get();
    console = system.api.replace("/api/v1", "/console/");
    // Chromium's own temp files land here and go with it.
    browserTemp = Files.createTempDirectory("browserfleet-console-test");
    var service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
        .usingAnyFreePort()
        .withEnvironment(Map.of("TMPDIR", browserTemp.toString()))
        .build();
    var options = new ChromeOptions().addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
        "--window-size=1280,1000", "--user-data-dir=" + browserTemp.resolve("profile"));
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (browserTemp != null) {
      try (Stream<Path> paths = Files.walk(browserTemp)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @BeforeEach
  void signedOut() {
    browser.get(console);
    browser.executeScript("sessionStorage.clear()");
    browser.navigate().refresh();
  }

  @Test
  @Order(1)
  void aRefusedKeyIsSaidSoAndAGoodOneOpensTheJobs() {
    signIn("bfk_not-a-key-of-this-system");
    waitUpTo(Duration.ofSeconds(10)).until(() -> text("#sign-in-error").contains("refused"));
    assertThat(browser.findElement(By.id("view-jobs")).isDisplayed()).isFalse();

    signIn(system.clientKey);

    waitUpTo(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("view-jobs")).isDisplayed());
    assertThat(browser.getCurrentUrl()).doesNotContain(system.clientKey);
    assertThat(browser.manage().getCookies()).isEmpty();
    assertThat(browser.findElement(By.id("nav-admin")).isDisplayed()).as("a client key sees no admin page").isFalse();
  }

  @Test
  @Order(2)
  void aJobSubmittedFromTheApiGoesToCompletedOnItsPageWithoutAReloadItsScreenshotOpensAndItRunsAgain() throws Exception {
    signIn(system.clientKey);
    waitUpTo(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("view-jobs")).isDisplayed());
    String jobId = system.submit("{\"browserTypeId\":1,\"targetUrl\":\"" + system.siteUrl + "\",\"waitUntil\":\"load\","
        + "\"actions\":[{\"action\":\"wait\",\"ms\":3000},{\"action\":\"extract\",\"name\":\"heading\",\"target\":\"h1\"},"
        + "{\"action\":\"screenshot\"}]}");

    browser.get(console + "#/jobs/" + jobId);
    browser.executeScript("window.sameDocument = true");
    waitUpTo(Duration.ofSeconds(10)).until(() -> !text("#job-status").isEmpty());
    assertThat(text("#job-status")).as("seen before it ended").isIn("pending", "processing");

    waitUpTo(Duration.ofSeconds(60)).until(() -> text("#job-status").equals("completed"));
    assertThat(browser.executeScript("return window.sameDocument === true")).as("no reload").isEqualTo(true);
    // Each status event re-renders the timeline, so its rows are read afresh until they settle.
    waitUpTo(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(texts("#job-timeline tbody tr"))
        .hasSize(3)
        .allSatisfy(row -> assertThat(row).contains("succeeded").containsPattern("\\d+(\\.\\d)? (ms|s)")));
    waitUpTo(Duration.ofSeconds(10)).until(() -> browser.findElements(By.cssSelector("#job-artifacts .thumb img")).size() == 1);
    assertThat(text("#job-data")).contains("\"heading\"");
    assertThat(browser.findElements(By.cssSelector("#job-log li"))).isNotEmpty();
    assertThat(browser.findElement(By.id("job-cancel")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("job-deliveries-none")).isDisplayed()).as("no callback, no deliveries").isTrue();
    saveScreenshotIfAsked();

    browser.findElement(By.cssSelector("#job-artifacts .thumb")).click();

    waitUpTo(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("image-dialog")).isDisplayed()
        && ((Number) browser.executeScript("return document.getElementById('image-dialog-img').naturalWidth")).intValue() == 1280);
    browser.findElement(By.cssSelector("#image-dialog button")).click();
    waitUpTo(Duration.ofSeconds(5)).until(() -> !browser.findElement(By.id("image-dialog")).isDisplayed());

    browser.findElement(By.id("job-again")).click();

    waitUpTo(Duration.ofSeconds(10)).until(() -> !browser.getCurrentUrl().endsWith(jobId) && browser.getCurrentUrl().contains("#/jobs/"));
    String again = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
    var rerun = system.job(again);
    assertThat(rerun.path("targetUrl").asString()).isEqualTo(system.siteUrl);
    assertThat(rerun.path("actions")).hasSize(3);
    assertThat(browser.executeScript("return window.sameDocument === true")).as("still no reload").isEqualTo(true);
  }

  @Test
  @Order(3)
  void aJobsWebhookDeliveryAttemptsAreOnItsPage() throws Exception {
    // A receiver on loopback (private addresses are allowed in the test system) that answers 200.
    var receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    try {
      signIn(system.clientKey);
      waitUpTo(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("view-jobs")).isDisplayed());
      String jobId = system.submit("{\"browserTypeId\":1,\"targetUrl\":\"" + system.siteUrl + "\",\"waitUntil\":\"load\","
          + "\"actions\":[{\"action\":\"screenshot\"}],\"callbackUrl\":\"http://127.0.0.1:"
          + receiver.getAddress().getPort() + "/hook\"}");
      browser.get(console + "#/jobs/" + jobId);

      browser.executeScript("window.sameDocument = true");

      // Made after the job's end; the page reads the attempts again until the delivery has ended.
      waitUpTo(Duration.ofSeconds(60)).until(() -> text("#job-status").equals("completed"));
      // The page redraws the table while it reads the attempts again: read it within the wait.
      waitUpTo(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(texts("#job-deliveries tbody tr"))
          .singleElement().asString().contains("HTTP 200").contains("delivered"));
      assertThat(browser.executeScript("return window.sameDocument === true")).as("no reload").isEqualTo(true);
      assertThat(browser.findElement(By.id("job-deliveries-none")).isDisplayed()).isFalse();
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  @Order(4)
  void aRunningJobIsCancelledFromItsPage() throws Exception {
    signIn(system.clientKey);
    waitUpTo(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("view-jobs")).isDisplayed());
    String jobId = system.submit("{\"browserTypeId\":1,\"targetUrl\":\"" + system.siteUrl + "\",\"waitUntil\":\"load\","
        + "\"timeoutMs\":120000,\"actions\":[{\"action\":\"wait\",\"ms\":60000}]}");
    browser.get(console + "#/jobs/" + jobId);
    waitUpTo(Duration.ofSeconds(60)).until(() -> text("#job-status").equals("processing"));

    WebElement cancel = browser.findElement(By.id("job-cancel"));
    assertThat(cancel.isDisplayed()).isTrue();
    cancel.click();

    waitUpTo(Duration.ofSeconds(30)).until(() -> text("#job-status").equals("cancelled"));
    assertThat(system.job(jobId).path("status").asString()).isEqualTo("cancelled");
    assertThat(browser.findElement(By.id("job-cancel")).isDisplayed()).isFalse();
  }

  @Test
  @Order(5)
  void aDroppedEventStreamResumesWhereItWasWithNothingTwiceAndNothingMissed() throws Exception {
    int apiPort = URI.create(system.api).getPort();
    try (var proxy = new DroppingProxy(apiPort)) {
      // The console through the proxy: another origin, so a sign-in of its own.
      String proxied = "http://127.0.0.1:" + proxy.port() + "/console/";
      browser.get(proxied);
      signIn(system.clientKey);
      waitUpTo(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("view-jobs")).isDisplayed());
      String jobId = system.submit("{\"browserTypeId\":1,\"targetUrl\":\"" + system.siteUrl + "\",\"waitUntil\":\"load\","
          + "\"actions\":[{\"action\":\"wait\",\"ms\":2500},{\"action\":\"wait\",\"ms\":2500},"
          + "{\"action\":\"extract\",\"name\":\"heading\",\"target\":\"h1\"}]}");
      browser.get(proxied + "#/jobs/" + jobId);
      waitUpTo(Duration.ofSeconds(60)).until(() -> text("#job-status").equals("processing")
          && !browser.findElements(By.cssSelector("#job-log li")).isEmpty());

      proxy.dropAll();

      // Only the resumed stream can bring the end: nothing else asks for the status again.
      waitUpTo(Duration.ofSeconds(60)).until(() -> text("#job-status").equals("completed"));
      // Each line shows its time, then "level message" as the job_logs row has it.
      waitUpTo(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(texts("#job-log li").stream()
          .map(line -> line.substring(line.indexOf(" info ") + 1)).toList())
          .doesNotHaveDuplicates()
          .containsExactlyElementsOf(system.logs(jobId)));
    }
  }

  @Test
  @Order(6)
  void aClientsPageShowsNoneOfAnotherClientsJobs() throws Exception {
    var created = system.send("POST", "/admin/api-keys", TestSystem.ADMIN_KEY,
        "{\"clientId\":\"globex\",\"name\":\"console test\",\"rateLimit\":100000}");
    assertThat(created.statusCode()).isEqualTo(201);
    String otherKey = TestSystem.json(created).path("key").asString();
    var accepted = system.send("POST", "/jobs", otherKey,
        "{\"browserTypeId\":1,\"targetUrl\":\"" + system.siteUrl + "?globex\",\"actions\":[]}");
    assertThat(accepted.statusCode()).isEqualTo(202);
    String otherJob = TestSystem.json(accepted).path("jobId").asString();
    String ownJob = system.submit("{\"browserTypeId\":1,\"targetUrl\":\"" + system.siteUrl + "?acme\",\"actions\":[]}");

    signIn(system.clientKey);

    waitUpTo(Duration.ofSeconds(10)).until(() -> jobRows().contains(ownJob));
    assertThat(jobRows()).doesNotContain(otherJob);
    assertThat(browser.findElement(By.id("jobs-table")).getText()).doesNotContain("?globex");

    browser.get(console + "#/jobs/" + otherJob);
    waitUpTo(Duration.ofSeconds(10)).until(() -> text("#status-line").contains("No job " + otherJob));
    assertThat(text("#job-facts")).doesNotContain("globex");
  }

  @Test
  @Order(7)
  void theAdminSeesTheFleetAndCreatesAKeyShownOnceThenRevokesIt() throws Exception {
    signIn(TestSystem.ADMIN_KEY);
    waitUpTo(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("nav-admin")).isDisplayed());

    browser.findElement(By.cssSelector("#nav a[data-route=fleet]")).click();
    waitUpTo(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(texts("#fleet-workers tbody tr"))
        .anySatisfy(row -> assertThat(row).contains("chromium")));
    assertThat(text("#fleet-per-hour")).matches("\\d+");
    assertThat(text("#fleet-failure-rate")).matches("[\\d.]+ %|–");

    browser.findElement(By.cssSelector("#nav a[data-route=admin]")).click();
    waitUpTo(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("key-client")).isDisplayed());
    browser.findElement(By.id("key-client")).sendKeys("initech");
    browser.findElement(By.id("key-name")).sendKeys("console key");
    browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
    waitUpTo(Duration.ofSeconds(10)).until(() -> text("#key-secret-value").startsWith("bfk_"));
    String secret = text("#key-secret-value");
    assertThat(system.send("GET", "/jobs", secret, null).statusCode()).isEqualTo(200);
    browser.findElement(By.id("key-secret-hide")).click();
    assertThat(browser.findElement(By.id("key-secret")).isDisplayed()).isFalse();
    assertThat(browser.getPageSource()).doesNotContain(secret);

    By revoke = By.cssSelector("#admin-keys button[aria-label='Revoke key console key of initech']");
    waitUpTo(Duration.ofSeconds(10)).until(() -> browser.findElement(revoke).isDisplayed());
    browser.findElement(revoke).click();
    browser.switchTo().alert().accept();

    waitUpTo(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(texts("#admin-keys tbody tr"))
        .anySatisfy(row -> assertThat(row).contains("initech", "console key", "revoked")));
    waitUpTo(Duration.ofSeconds(10)).until(() -> system.send("GET", "/jobs", secret, null).statusCode() == 401);
  }

  private List<String> jobRows() {
    return browser.findElements(By.cssSelector("#jobs-table tbody tr")).stream().map(row -> row.getAttribute("data-job")).toList();
  }

  private void signIn(String key) {
    WebElement field = browser.findElement(By.id("api-key"));
    field.clear();
    field.sendKeys(key);
    browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
  }

  private List<String> texts(String selector) {
    return browser.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
  }

  private String text(String selector) {
    return browser.findElement(By.cssSelector(selector)).getText().strip();
  }

  private static ConditionFactory waitUpTo(Duration timeout) {
    return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
  }

  private void saveScreenshotIfAsked() throws IOException {
    String target = System.getProperty("browserfleet.console.screenshot");
    if (target == null || target.isBlank()) {
      return;
    }
    var size = browser.manage().window().getSize();
    // Tall enough for the whole job page: facts, actions, the screenshot and the data.
    browser.manage().window().setSize(new Dimension(1280, 1800));
    browser.executeScript("window.scrollTo(0, 0)");
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, Path.of(target), StandardCopyOption.REPLACE_EXISTING);
    Files.delete(shot);
    browser.manage().window().setSize(size);
  }
}
