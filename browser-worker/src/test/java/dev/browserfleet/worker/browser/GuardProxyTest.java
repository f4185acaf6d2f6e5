package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.worker.support.TestPages;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The guard proxy with a real HTTP client and the real test-page server; no browser. */
class GuardProxyTest {

  private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  private static final NavigationGuard DENY_SECRET =
      url -> URI.create(url).getPath().equals("/secret.html") ? Optional.of("navigation to " + url + " is denied: it is secret") : Optional.empty();

  private final GuardProxy proxy = new GuardProxy(() -> DENY_SECRET);
  private final HttpClient http = HttpClient.newBuilder()
      .proxy(ProxySelector.of(address(proxy)))
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();

  @AfterEach
  void stop() {
    http.close();
    proxy.close();
  }

  @Test
  void anAllowedDocumentIsFetchedFromItsOrigin() throws Exception {
    int before = TestPages.requests("/form.html");

    HttpResponse<String> response = get(TestPages.url("form.html"), HTML);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("<title>Sign up</title>");
    assertThat(TestPages.requests("/form.html")).isEqualTo(before + 1);
    assertThat(proxy.takeDenial()).isEmpty();
    // Both of the exchange's connections are let go of once it is over.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (proxy.openConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(proxy.openConnections()).isZero();
  }

  @Test
  void aDeniedDocumentIsRefusedBeforeItIsRequestedAndTheDenialIsKept() throws Exception {
    int before = TestPages.requests("/secret.html");

    HttpResponse<String> response = get(TestPages.url("secret.html"), HTML);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(TestPages.requests("/secret.html")).as("never requested").isEqualTo(before);
    assertThat(proxy.takeDenial()).hasValue("navigation to " + TestPages.url("secret.html") + " is denied: it is secret");
    assertThat(proxy.takeDenial()).as("taken once").isEmpty();
  }

  @Test
  void aRedirectHopToADeniedDocumentIsRefused() throws Exception {
    int before = TestPages.requests("/secret.html");
    String redirect = TestPages.url("redirect?to=" + URLEncoder.encode(TestPages.url("secret.html"), StandardCharsets.UTF_8));

    HttpResponse<String> response = get(redirect, HTML);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.uri().toString()).isEqualTo(TestPages.url("secret.html"));
    assertThat(TestPages.requests("/secret.html")).isEqualTo(before);
    assertThat(proxy.takeDenial()).hasValueSatisfying(why -> assertThat(why).contains("secret.html is denied"));
  }

  @Test
  void aRequestThatIsNotForADocumentPassesUnchecked() throws Exception {
    int before = TestPages.requests("/secret.html");

    HttpResponse<String> response = get(TestPages.url("secret.html"), "image/png,image/*;q=0.8");

    assertThat(response.statusCode()).as("as on Chromium, only documents are checked").isEqualTo(200);
    assertThat(TestPages.requests("/secret.html")).isEqualTo(before + 1);
    assertThat(proxy.takeDenial()).isEmpty();
  }

  @Test
  void anOriginAtAnIpv6LiteralIsReached() throws Exception {
    HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 0);
    origin.createContext("/", exchange -> {
      byte[] page = "<title>six</title>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    origin.start();
    try {
      HttpResponse<String> response = get("http://[::1]:" + origin.getAddress().getPort() + "/", HTML);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("<title>six</title>");
    } finally {
      origin.stop(0);
    }
  }

  @Test
  void aTunnelIsNotOffered() throws Exception {
    InetSocketAddress at = address(proxy);
    try (var socket = new Socket(at.getHostString(), at.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 501 ");
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
