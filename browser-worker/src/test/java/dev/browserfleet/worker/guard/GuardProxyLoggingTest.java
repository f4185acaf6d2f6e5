package dev.browserfleet.worker.guard;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.browserfleet.worker.support.TestPages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the guard proxy logs when it cannot reach a host. Chromium sends background requests of its
 * own to hosts that are unreachable here (Google's, its default search engine's) at every session
 * start: they are no job's concern, and a line each above DEBUG buried what was.
 */
class GuardProxyLoggingTest {

  private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  private static final CertificateAuthority AUTHORITY = new CertificateAuthority("test guard proxy");

  private final GuardProxy proxy = new GuardProxy(AUTHORITY, TestPages.httpsTrust());
  private final HttpClient http = HttpClient.newBuilder()
      .proxy(ProxySelector.of(address(proxy)))
      .sslContext(AUTHORITY.clientContext())
      .build();
  private final ch.qos.logback.classic.Logger logger =
      (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(GuardProxy.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  @BeforeEach
  void capture() {
    proxy.use(url -> Optional.empty());
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(events);
    http.close();
    proxy.close();
  }

  @Test
  void backgroundRequestsToUnreachableHostsLogNothingAboveDebug() throws Exception {
    // As Chromium's clock and update checks go: plain http, not for a document.
    HttpResponse<String> plain = get("http://clients2.background.invalid/time/1/current", "*/*");
    // As its account list and search engine page go: https, through a CONNECT tunnel.
    int tunnel = statusOf("https://accounts.background.invalid/ListAccounts", "*/*");

    assertThat(plain.statusCode()).isEqualTo(502);
    assertThat(tunnel).as("the tunnel was refused").isIn(502, 0);
    assertThat(events.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).isEmpty();
  }

  @Test
  void aDocumentThatCannotBeReachedIsStillWorthALine() throws Exception {
    HttpResponse<String> document = get("http://document.background.invalid/", HTML);

    assertThat(document.statusCode()).isEqualTo(502);
    assertThat(events.list)
        .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("document.background.invalid"));
  }

  /** The status of the answer, or 0 if the client gave up on the tunnel with an exception. */
  private int statusOf(String url, String accept) throws Exception {
    try {
      return get(url, accept).statusCode();
    } catch (IOException e) {
      return 0;
    }
  }

  private HttpResponse<String> get(String url, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static InetSocketAddress address(GuardProxy proxy) {
    String[] hostAndPort = proxy.address().split(":");
    return new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1]));
  }
}
