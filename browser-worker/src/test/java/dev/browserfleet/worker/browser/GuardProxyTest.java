package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The guard proxy with a real HTTP client and the real test-page server; no browser. */
class GuardProxyTest {

  private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  /** Denies the document /secret.html, and tunnels to the host {@code localhost}. */
  private static final NavigationGuard DENY_SECRET = new NavigationGuard() {
    @Override
    public Optional<String> denial(String url) {
      return URI.create(url).getPath().equals("/secret.html")
          ? Optional.of("navigation to " + url + " is denied: it is secret") : Optional.empty();
    }

    @Override
    public Optional<String> tunnelDenial(String host, int port) {
      return host.equals("localhost")
          ? Optional.of("connection to https://localhost:" + port + " is denied: it is secret") : Optional.empty();
    }
  };

  private final GuardProxy proxy = new GuardProxy();

  GuardProxyTest() {
    proxy.use(DENY_SECRET);
  }
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
  void anAllowedTunnelIsABytePipeToItsOrigin() throws Exception {
    int port = URI.create(TestPages.url("form.html")).getPort();
    int before = TestPages.requests("/form.html");
    InetSocketAddress at = address(proxy);
    try (var socket = new Socket(at.getHostString(), at.getPort())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(("CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(readHead(in)).startsWith("HTTP/1.1 200 ");
      // What goes through is the client's own business: here plain HTTP, for a browser TLS.
      out.write(("GET /form.html HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 200 ").contains("<title>Sign up</title>");
    }
    assertThat(TestPages.requests("/form.html")).isEqualTo(before + 1);
    assertThat(proxy.takeDenial()).isEmpty();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (proxy.openConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(proxy.openConnections()).as("both ends of the tunnel are let go of").isZero();
  }

  @Test
  void aTunnelToADeniedHostIsRefusedBeforeAnyConnectionIsMade() throws Exception {
    try (var origin = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      origin.setSoTimeout(500);
      InetSocketAddress at = address(proxy);
      try (var socket = new Socket(at.getHostString(), at.getPort())) {
        OutputStream out = socket.getOutputStream();
        String connect = "CONNECT localhost:" + origin.getLocalPort() + " HTTP/1.1\r\n\r\n";
        out.write(connect.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(answer).startsWith("HTTP/1.1 403 ").contains("is secret");
      }
      assertThat(proxy.takeDenial()).hasValue("connection to https://localhost:" + origin.getLocalPort() + " is denied: it is secret");
      assertThatThrownBy(origin::accept).as("nothing connected to the origin").isInstanceOf(java.net.SocketTimeoutException.class);
    }
  }

  @Test
  void aMalformedTunnelRequestIsAnsweredAndNothingElse() throws Exception {
    InetSocketAddress at = address(proxy);
    for (String authority : List.of("example.com", "example.com:http", ":443", "example.com:70000")) {
      try (var socket = new Socket(at.getHostString(), at.getPort())) {
        socket.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(answer).as(authority).startsWith("HTTP/1.1 400 ").contains("host:port");
      }
    }
  }

  @Test
  void anythingButHttpAndTunnelsIsNotImplemented() throws Exception {
    InetSocketAddress at = address(proxy);
    try (var socket = new Socket(at.getHostString(), at.getPort())) {
      socket.getOutputStream().write("GET ftp://example.com/ HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 501 ");
    }
  }

  /** A response head, read byte by byte so that nothing after it is consumed. */
  private static String readHead(InputStream in) throws Exception {
    var head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
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
