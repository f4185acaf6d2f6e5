package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's pages as served: where they are, their headers, and that they hold no inline code. */
class ConsoleTest extends IngestApiIntegrationTest {

  private static final String[] FILES = {"index.html", "console.css", "app.js", "api.js", "dom.js", "jobs.js", "job.js", "fleet.js", "admin.js"};

  @Test
  void theRootAndTheBarePathLeadToTheConsole() {
    for (String path : new String[] {"/", "/console"}) {
      Http.Response answer = http.get(path, null);
      assertThat(answer.status()).as(path).isEqualTo(302);
      assertThat(answer.header("Location")).as(path).endsWith("/console/");
    }
  }

  @Test
  void theConsolePageIsServedWithoutAKeyUnderAStrictContentSecurityPolicy() {
    Http.Response page = http.get("/console/", null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("<title>Browserfleet console</title>");
    String policy = page.header("Content-Security-Policy");
    assertThat(policy).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
    assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
  }

  @Test
  void everyFileOfTheConsoleIsServedWithThePolicyAndNoneHasInlineCode() {
    Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    Pattern handlerAttribute = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    for (String file : FILES) {
      Http.Response answer = http.get("/console/" + file, null);
      assertThat(answer.status()).as(file).isEqualTo(200);
      assertThat(answer.header("Content-Security-Policy")).as(file).startsWith("default-src 'none'");
      if (file.endsWith(".html")) {
        assertThat(inlineScript.matcher(answer.body()).find()).as("inline script in " + file).isFalse();
        assertThat(handlerAttribute.matcher(answer.body()).find()).as("event handler attribute in " + file).isFalse();
        assertThat(answer.body()).as(file).doesNotContain("<style", " style=");
      }
    }
  }

  @Test
  void theConsoleDoesNotOpenTheApiToAnyoneWithoutAKey() {
    Http.Response jobs = http.get("/api/v1/jobs", null);

    assertThat(jobs.status()).isEqualTo(401);
  }

  @Test
  void theKeyTravelsOnlyInAHeaderNeverInAUrlOrACookie() {
    String api = http.get("/console/api.js", null).body();

    assertThat(api).contains("'X-API-Key'", "sessionStorage", "credentials: 'omit'");
    assertThat(api).doesNotContain("document.cookie", "localStorage", "new EventSource", "?key=", "apiKey=");
  }
}
