package dev.browserfleet.projector.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.webhook.WebhookSignature;
import dev.browserfleet.projector.webhook.AttemptResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The POST of one callback, against a real HTTP server on loopback. */
class CallbackClientTest {

  private static final TargetAddressPolicy.Resolver DNS = host -> List.of(InetAddress.getByName(
      host.equals("moved.example") ? "169.254.169.254" : host));

  private HttpServer server;
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<String> signatures = new CopyOnWriteArrayList<>();
  private String base;

  @BeforeEach
  void startReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      paths.add(exchange.getRequestURI().getPath());
      signatures.add(exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER));
      exchange.getRequestBody().readAllBytes();
      switch (exchange.getRequestURI().getPath()) {
        case "/redirect" -> {
          exchange.getResponseHeaders().add("Location", base + "/elsewhere");
          exchange.sendResponseHeaders(302, -1);
        }
        case "/chatty" -> {
          // A receiver whose answer never ends: only its first bytes may be read.
          byte[] chunk = new byte[1024];
          exchange.sendResponseHeaders(200, 0);
          long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
          try {
            while (System.nanoTime() < until) {
              exchange.getResponseBody().write(chunk);
              exchange.getResponseBody().flush();
              Thread.sleep(5);
            }
          } catch (IOException closedByTheClient) {
            // the client has read its fill and gone
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        default -> exchange.sendResponseHeaders(204, -1);
      }
      exchange.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopReceiver() {
    server.stop(0);
  }

  @Test
  void aSignedPostGetsTheReceiversStatus() {
    try (var client = client(true)) {
      var result = client.post(base + "/hook", UUID.randomUUID(), "whsec_x", "{\"a\":1}");

      assertThat(result).isInstanceOfSatisfying(AttemptResult.Answered.class, a -> assertThat(a.statusCode()).isEqualTo(204));
      assertThat(WebhookSignature.verifies("whsec_x", signatures.getFirst(), "{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isTrue();
    }
  }

  @Test
  void aRedirectIsAnAnswerNotFollowed() {
    try (var client = client(true)) {
      var result = client.post(base + "/redirect", UUID.randomUUID(), "whsec_x", "{}");

      assertThat(result).isInstanceOfSatisfying(AttemptResult.Answered.class, a -> assertThat(a.statusCode()).isEqualTo(302));
      assertThat(paths).containsExactly("/redirect");
    }
  }

  @Test
  void anEndlessAnswerIsCutShortAfterItsFirstKilobytes() {
    try (var client = client(true)) {
      var result = client.post(base + "/chatty", UUID.randomUUID(), "whsec_x", "{}");

      // Reading it all would have run into the 5 s timeout (a NoAnswer).
      assertThat(result).isInstanceOfSatisfying(AttemptResult.Answered.class, a -> {
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(a.durationMs()).isLessThan(5_000);
      });
    }
  }

  @Test
  void aLoopbackReceiverIsNotCalledWherePrivateAddressesAreDenied() {
    try (var client = client(false)) {
      var result = client.post(base + "/hook", UUID.randomUUID(), "whsec_x", "{}");

      assertThat(result).isInstanceOfSatisfying(AttemptResult.NoAnswer.class,
          n -> assertThat(n.error()).startsWith("not called").contains("private or loopback"));
      assertThat(paths).isEmpty();
    }
  }

  @Test
  void aNameThatNowResolvesToTheMetadataAddressIsNotCalledEvenWherePrivateOnesAreAllowed() {
    try (var client = client(true)) {
      var result = client.post("http://moved.example/hook", UUID.randomUUID(), "whsec_x", "{}");

      assertThat(result).isInstanceOfSatisfying(AttemptResult.NoAnswer.class,
          n -> assertThat(n.error()).contains("169.254.169.254").contains("link-local or metadata"));
    }
  }

  private static CallbackClient client(boolean allowPrivate) {
    return new CallbackClient(new TargetAddressPolicy(allowPrivate, DNS), DNS, Duration.ofSeconds(5), Clock.systemUTC());
  }
}
