package dev.browserfleet.worker.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.browserfleet.worker.support.TestPages;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard proxy with a real HTTP client and the real test-page server; no browser. */
class GuardProxyTest {

  private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  private static final NavigationGuard DENY_SECRET =
      url -> URI.create(url).getPath().equals("/secret.html") ? Optional.of("navigation to " + url + " is denied: it is secret") : Optional.empty();
  private static final CertificateAuthority AUTHORITY = new CertificateAuthority("test guard proxy");

  private final GuardProxy proxy = new GuardProxy(AUTHORITY, TestPages.httpsTrust());
  private final HttpClient http = HttpClient.newBuilder()
      .proxy(ProxySelector.of(address(proxy)))
      .sslContext(AUTHORITY.clientContext())
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();

  GuardProxyTest() {
    proxy.use(DENY_SECRET);
  }

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
    assertBothConnectionsAreLetGoOf();
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
  void anHttpsDocumentIsReadInsideItsTunnelAndFetchedOverTlsFromItsOrigin() throws Exception {
    int before = TestPages.requests("/form.html");

    HttpResponse<String> response = get(TestPages.httpsUrl("form.html"), HTML);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("<title>Sign up</title>");
    assertThat(response.sslSession()).get().satisfies(tls -> assertThat(
        ((java.security.cert.X509Certificate) tls.getPeerCertificates()[0]).getIssuerX500Principal().getName())
        .as("the client spoke TLS with the proxy").isEqualTo("CN=test guard proxy"));
    assertThat(TestPages.requests("/form.html")).isEqualTo(before + 1);
    assertBothConnectionsAreLetGoOf();
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"http", "https"})
  void aRedirectHopToADeniedDocumentIsRefusedBeforeItIsRequested(String scheme) throws Exception {
    int before = TestPages.requests("/secret.html");
    String secret = page(scheme, "secret.html");

    HttpResponse<String> response = get(page(scheme, "redirect?to=" + URLEncoder.encode(secret, StandardCharsets.UTF_8)), HTML);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.uri().toString()).isEqualTo(secret);
    assertThat(TestPages.requests("/secret.html")).as("never requested").isEqualTo(before);
    assertThat(proxy.takeDenial()).hasValue("navigation to " + secret + " is denied: it is secret");
  }

  @Test
  void anHttpsRequestThatIsNotForADocumentPassesUnchecked() throws Exception {
    HttpResponse<String> response = get(TestPages.httpsUrl("secret.html"), "image/png,image/*;q=0.8");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(proxy.takeDenial()).isEmpty();
  }

  @Test
  void anOriginWhoseCertificateIsNotTrustedIsNotSpokenTo() throws Exception {
    try (var trustingTheJdkOnly = new GuardProxy(AUTHORITY, javax.net.ssl.SSLContext.getDefault());
        var client = HttpClient.newBuilder().proxy(ProxySelector.of(address(trustingTheJdkOnly)))
            .sslContext(AUTHORITY.clientContext()).build()) {
      int before = TestPages.requests("/form.html");

      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(TestPages.httpsUrl("form.html")))
          .header("Accept", HTML).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.body()).contains("Could not reach 127.0.0.1");
      assertThat(TestPages.requests("/form.html")).as("no request went over the unverified connection").isEqualTo(before);
      assertThat(trustingTheJdkOnly.failure(TestPages.httpsUrl("form.html")))
          .hasValueSatisfying(failure -> assertThat(failure.why()).startsWith("net::ERR_CERT_INVALID at " + TestPages.httpsUrl("form.html")));
    }
  }

  @Test
  void aDocumentWhoseOriginIsUnreachableIsAnswered502AndRememberedWithItsNetworkError() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String document = "http://127.0.0.1:" + closedPort + "/page.html";
    String image = "http://127.0.0.1:" + closedPort + "/image.png";

    assertThat(get(document, HTML).statusCode()).isEqualTo(502);
    assertThat(get(image, "image/png").statusCode()).isEqualTo(502);

    assertThat(proxy.failure(document + "#section")).as("the page's URL as the browser shows it")
        .hasValue(new GuardProxy.Failure("net::ERR_CONNECTION_REFUSED at " + document + " (Connection refused)", false));
    assertThat(proxy.failure(image)).as("only documents are remembered").isEmpty();
    proxy.forgetFailures();
    assertThat(proxy.failure(document)).isEmpty();
  }

  @Test
  void everyRequestGoesOnlyWhereTheGuardAllowsAConnection() throws Exception {
    // Connections to the test server by the name "localhost" are denied; by its address they are not.
    proxy.use(new NavigationGuard() {
      @Override
      public Optional<String> denial(String url) {
        return Optional.empty();
      }

      @Override
      public Optional<String> connectionDenial(String host, InetAddress address) {
        return host.equals("localhost") && address.isLoopbackAddress()
            ? Optional.of("a request to localhost is denied: test") : Optional.empty();
      }
    });
    String image = TestPages.url("secret.html").replace("127.0.0.1", "localhost");
    String document = TestPages.url("form.html").replace("127.0.0.1", "localhost");
    int imagesBefore = TestPages.requests("/secret.html");
    int documentsBefore = TestPages.requests("/form.html");

    assertThat(get(image, "image/png").statusCode()).as("not a document, still checked").isEqualTo(403);
    assertThat(proxy.takeDenial()).as("only a document's denial fails a job").isEmpty();
    assertThat(get(document, HTML).statusCode()).isEqualTo(403);
    assertThat(proxy.takeDenial()).hasValue("a request to localhost is denied: test");
    assertThat(get(TestPages.url("secret.html"), "image/png").statusCode()).as("by its address").isEqualTo(200);

    assertThat(TestPages.requests("/secret.html")).isEqualTo(imagesBefore + 1);
    assertThat(TestPages.requests("/form.html")).isEqualTo(documentsBefore);
  }

  @Test
  void anAddressOnlyProxyCarriesTunnelsAsBytesToTheOriginWhoseCertificateTheClientChecks() throws Exception {
    try (var tunnels = GuardProxy.addressesOnly();
        var client = HttpClient.newBuilder().proxy(ProxySelector.of(address(tunnels)))
            .sslContext(TestPages.httpsTrust()).build()) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(TestPages.httpsUrl("form.html")))
          .header("Accept", HTML).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("<title>Sign up</title>");
    }
  }

  @Test
  void anAddressOnlyProxyRefusesATunnelToARefusedAddressAndRemembersItForItsDocuments() throws Exception {
    try (var tunnels = GuardProxy.addressesOnly();
        var client = HttpClient.newBuilder().proxy(ProxySelector.of(address(tunnels)))
            .sslContext(TestPages.httpsTrust()).build()) {
      tunnels.use(new NavigationGuard() {
        @Override
        public Optional<String> denial(String url) {
          return Optional.of("documents are the browser's to check");
        }

        @Override
        public Optional<String> connectionDenial(String host, InetAddress address) {
          return host.equals("localhost") ? Optional.of("a request to localhost is denied: test") : Optional.empty();
        }
      });
      String refused = TestPages.httpsUrl("form.html").replace("127.0.0.1", "localhost");
      int before = TestPages.requests("/form.html");

      assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(refused)).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
      assertThat(get(client, TestPages.url("form.html"), HTML).statusCode())
          .as("plain-http documents are not checked by URL here").isEqualTo(200);

      assertThat(TestPages.requests("/form.html")).isEqualTo(before + 1);
      assertThat(tunnels.tunnelFailure(refused))
          .hasValue(new GuardProxy.Failure("a request to localhost is denied: test", true));
      assertThat(tunnels.failure(refused)).as("a tunnel is not a document").isEmpty();
      assertThat(tunnels.tunnelFailure(TestPages.httpsUrl("form.html"))).isEmpty();
    }
  }

  @Test
  void networkErrorsAreNamedAsChromiumNamesThem() {
    assertThat(NetworkFailures.name(new java.net.UnknownHostException("nowhere.invalid"))).isEqualTo("net::ERR_NAME_NOT_RESOLVED");
    assertThat(NetworkFailures.name(new java.net.SocketTimeoutException("connect timed out")))
        .isEqualTo("net::ERR_CONNECTION_TIMED_OUT");
    assertThat(NetworkFailures.name(new javax.net.ssl.SSLHandshakeException("no cipher suites in common")))
        .isEqualTo("net::ERR_SSL_PROTOCOL_ERROR");
    assertThat(NetworkFailures.name(new java.io.IOException("connection reset"))).isEqualTo("net::ERR_CONNECTION_FAILED");
  }

  @Test
  void aProtocolSwitchKeepsItsHeadsAndThenCarriesBothWays() throws Exception {
    try (var origin = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      var seenByOrigin = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try (Socket connection = origin.accept()) {
          var in = connection.getInputStream();
          var head = new StringBuilder();
          while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
          }
          var out = connection.getOutputStream();
          out.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
          out.write(in.readNBytes(4)); // an echo, in the new protocol
          out.flush();
          return head.toString();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      InetSocketAddress at = address(proxy);
      try (var socket = new Socket(at.getHostString(), at.getPort())) {
        socket.setSoTimeout(10_000);
        var out = socket.getOutputStream();
        out.write(("GET http://127.0.0.1:" + origin.getLocalPort() + "/socket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        var in = socket.getInputStream();
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
          head.append((char) in.read());
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101 ").contains("Connection: Upgrade").doesNotContain("close");
        out.write("ping".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        assertThat(new String(in.readNBytes(4), StandardCharsets.ISO_8859_1)).isEqualTo("ping");
      }
      assertThat(seenByOrigin.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .startsWith("GET /socket HTTP/1.1").contains("Upgrade: websocket").contains("Connection: Upgrade");
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

  /** The client's and the origin's connections end with the exchange (they close a moment after it). */
  private void assertBothConnectionsAreLetGoOf() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (proxy.openConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(proxy.openConnections()).isZero();
  }

  private static String page(String scheme, String path) {
    return scheme.equals("https") ? TestPages.httpsUrl(path) : TestPages.url(path);
  }

  private HttpResponse<String> get(String url, String accept) throws Exception {
    return get(http, url, accept);
  }

  private static HttpResponse<String> get(HttpClient client, String url, String accept) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static InetSocketAddress address(GuardProxy proxy) {
    String[] hostAndPort = proxy.address().split(":");
    return new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1]));
  }
}
