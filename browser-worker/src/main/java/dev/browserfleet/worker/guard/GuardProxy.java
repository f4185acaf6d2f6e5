package dev.browserfleet.worker.guard;

import dev.browserfleet.worker.engine.SessionStartException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP forward proxy between a browser and the network. For Chromium ({@link
 * #addressesOnly}) it checks the address of every connection and carries tunnels as bytes; see
 * the paragraph on addresses below. For WebKit it also puts a browser without request
 * interception under the URL guard before it requests a document: every document request, redirect hops included, is checked
 * before it leaves the machine; a denied one is answered 403 here and remembered, for the session
 * to fail the job with. A request counts as a document when it asks for HTML ({@code Accept}
 * names {@code text/html}), as a browser's navigations and frames do; other requests pass
 * unchecked, as on Chromium.
 *
 * <p>https arrives as {@code CONNECT} tunnels. The proxy is their TLS server, with a certificate
 * that its {@link CertificateAuthority} issues for the host (so the browser must be told to
 * accept it), reads the request and checks it like a plain-http one, and speaks TLS to the origin,
 * whose certificate it verifies with the {@code upstream} trust (by default the JDK's). Each
 * connection carries one request ({@code Connection: close} both ways), which keeps the proxy a
 * byte pipe after the request head.
 *
 * <p>Every request, documents or not, goes to the one address that the guard's {@link
 * NavigationGuard#connectionDenial} allowed for its host (a link-local or metadata address never
 * is), so that a page cannot reach such an address through a subresource, a script's fetch, or a
 * name that resolves elsewhere the second time (DNS rebinding).
 *
 * <p>A document whose origin cannot be reached, or whose certificate fails verification, is
 * answered 502 and its URL remembered with the error, named as Chromium names it
 * ({@code net::ERR_CONNECTION_REFUSED}), so that the session can fail a navigation that landed on
 * it the way Chromium fails one; WebKit itself shows the 502 page as a success.
 */
final class GuardProxy implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GuardProxy.class);
  private static final int CONNECT_TIMEOUT_MS = 30_000;
  private static final byte[] TUNNEL_OPEN = "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final CertificateAuthority authority;
  private final boolean checkDocuments;
  private final SSLContext upstream;
  private volatile NavigationGuard guard = NavigationGuard.ALLOW_ALL;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicReference<String> denial = new AtomicReference<>();
  private final ProxyFailures failures = new ProxyFailures();

  /**
   * Why a document or tunnel was not reached: {@code denied} when the guard refused its address,
   * otherwise a network error named as Chromium names it ({@link NetworkFailures} words both).
   */
  record Failure(String why, boolean denied) {}

  /**
   * Starts the proxy on a free loopback port; it lets everything through until {@link #use} says otherwise.
   *
   * @param authority issues the certificates the browser is shown for https hosts
   * @param upstream the trust that origins' certificates are verified with
   */
  GuardProxy(CertificateAuthority authority, SSLContext upstream) {
    this(authority, upstream, true);
  }

  /**
   * A proxy for a browser that vets its documents itself (Chromium, by request interception): it
   * checks the address of every connection only, and carries https and WebSocket {@code CONNECT}
   * tunnels as byte pipes to the checked address, reading nothing inside them.
   */
  static GuardProxy addressesOnly() {
    return new GuardProxy(null, null, false);
  }

  private GuardProxy(CertificateAuthority authority, SSLContext upstream, boolean checkDocuments) {
    this.checkDocuments = checkDocuments;
    this.authority = authority;
    this.upstream = upstream;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the URL guard's proxy port", e);
    }
    Thread.ofVirtual().name("bf-guard-proxy-" + server.getLocalPort()).start(this::accept);
  }

  /** Where the browser is to send its requests: {@code 127.0.0.1:port}. */
  String address() {
    return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  /** The guard to ask at each request from now on. */
  void use(NavigationGuard guard) {
    this.guard = guard;
  }

  /** Why the first document request denied since the last call was, if any. */
  Optional<String> takeDenial() {
    return Optional.ofNullable(denial.getAndSet(null));
  }

  /** Whether any document or tunnel was not reached since {@link #forgetFailures}. */
  boolean hasFailures() {
    return failures.any();
  }

  /** Forgets the documents whose origins were not reached so far. */
  void forgetFailures() {
    failures.forget();
  }

  /**
   * Why the origin of document {@code url} was not reached, if it was asked for since {@link
   * #forgetFailures} and was not: for example {@code net::ERR_CONNECTION_REFUSED at
   * http://127.0.0.1:9/ (Connection refused)}.
   */
  Optional<Failure> failure(String url) {
    return failures.ofDocument(url);
  }

  /**
   * Why a tunnel to the host and port of {@code url} was not opened since {@link #forgetFailures},
   * if one was not: what an https document whose navigation failed as a failed tunnel met.
   */
  Optional<Failure> tunnelFailure(String url) {
    return failures.ofTunnel(url);
  }

  /** The client and origin connections open now (each ends with its exchange). */
  int openConnections() {
    return open.size();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    open.forEach(GuardProxy::closeQuietly);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread.ofVirtual().name("bf-guard-proxy-request").start(() -> {
          try {
            handle(client);
          } catch (IOException | RuntimeException e) {
            log.debug("proxied request ended: {}", e.toString());
          } finally {
            open.remove(client);
            closeQuietly(client);
          }
        });
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.debug("the guard proxy could not accept a connection: {}", e.toString());
        }
      }
    }
  }

  private void handle(Socket client) throws IOException {
    InputStream fromClient = new BufferedInputStream(client.getInputStream());
    OutputStream toClient = client.getOutputStream();
    String[] lines = HttpHeads.readRequestHead(fromClient);
    if (lines == null) {
      return;
    }
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length == 3 && requestLine[0].equals("CONNECT")) {
      Authority tunnelTo = Authority.parse(requestLine[1]);
      if (tunnelTo == null) {
        HttpHeads.answer(toClient, "400 Bad Request", "CONNECT needs host:port, not " + requestLine[1]);
      } else if (authority == null) {
        tunnel(fromClient, toClient, tunnelTo);
      } else {
        intercept(client, toClient, tunnelTo);
      }
      return;
    }
    if (requestLine.length != 3 || !requestLine[1].regionMatches(true, 0, "http://", 0, 7)) {
      HttpHeads.answer(toClient, "501 Not Implemented", "This proxy forwards http requests and CONNECT tunnels only.");
      return;
    }
    URI target;
    try {
      target = new URI(requestLine[1]);
    } catch (URISyntaxException e) {
      HttpHeads.answer(toClient, "400 Bad Request", "Not a URL: " + requestLine[1]);
      return;
    }
    if (target.getHost() == null) {
      HttpHeads.answer(toClient, "400 Bad Request", "No host in " + requestLine[1]);
      return;
    }
    exchange(fromClient, toClient, requestLine, lines, target);
  }

  /**
   * A {@code CONNECT host:port} tunnel: the proxy answers the TLS handshake itself, with a
   * certificate its authority issued for the host, and serves the one request that comes through
   * as a plain-http one, over TLS to the origin.
   */
  private void intercept(Socket client, OutputStream toClient, Authority tunnelTo) throws IOException {
    String host = tunnelTo.host();
    int port = tunnelTo.port();
    String hostAndPort = tunnelTo.toString();
    toClient.write(TUNNEL_OPEN);
    toClient.flush();
    // The client sends nothing more before this answer, so nothing of its handshake was read yet.
    SSLSocket tls;
    try {
      tls = ProxyTls.serve(client, authority.serverContext(host));
    } catch (IOException e) {
      log.debug("a browser gave up the TLS handshake for {}: {}", hostAndPort, e.toString());
      return;
    }
    InputStream fromClient = new BufferedInputStream(tls.getInputStream());
    OutputStream toTlsClient = tls.getOutputStream();
    String[] lines = HttpHeads.readRequestHead(fromClient);
    if (lines == null) {
      return;
    }
    String[] requestLine = lines[0].split(" ");
    String origin = "https://" + (host.contains(":") ? "[" + host + "]" : host) + (port == 443 ? "" : ":" + port);
    URI target;
    try {
      target = requestLine.length == 3 && requestLine[1].startsWith("/") ? new URI(origin + requestLine[1]) : null;
    } catch (URISyntaxException e) {
      target = null;
    }
    if (target == null) {
      HttpHeads.answer(toTlsClient, "400 Bad Request", "Not a request for a path of " + origin + ": " + lines[0]);
      return;
    }
    requestLine[1] = target.toString();
    exchange(fromClient, toTlsClient, requestLine, lines, target);
  }

  /**
   * A {@code CONNECT host:port} tunnel carried as bytes, both ways, to the address of {@code host}
   * that the guard allowed. A refused or unreachable address is answered with an error status,
   * which the browser reports as a failed tunnel, and remembered under the tunnel's authority.
   */
  private void tunnel(InputStream fromClient, OutputStream toClient, Authority tunnelTo) throws IOException {
    Socket origin = new Socket();
    open.add(origin);
    try (origin) {
      try {
        Optional<String> refused = connectChecked(origin, tunnelTo);
        if (refused.isPresent()) {
          failures.rememberTunnel(tunnelTo, NetworkFailures.refused(refused.get()));
          HttpHeads.answer(toClient, "403 Forbidden", refused.get());
          return;
        }
      } catch (IOException e) {
        // Most tunnels that fail are Chromium's own background requests (to Google hosts, which
        // are unreachable here); a job whose document it was fails with the failure remembered
        // below, so a line above DEBUG would only be noise.
        log.debug("the guard proxy could not reach {}: {}", tunnelTo, e.toString());
        failures.rememberTunnel(tunnelTo, NetworkFailures.unreached(e, tunnelTo.toString()));
        HttpHeads.answer(toClient, "502 Bad Gateway", "Could not reach " + tunnelTo.host() + ": " + e.getMessage());
        return;
      }
      toClient.write(TUNNEL_OPEN);
      toClient.flush();
      OutputStream toOrigin = origin.getOutputStream();
      Thread up = Thread.ofVirtual().name("bf-guard-proxy-tunnel").start(() -> {
        try {
          fromClient.transferTo(toOrigin);
          origin.shutdownOutput();
        } catch (IOException closed) {
          // the tunnel is over
        }
      });
      try {
        origin.getInputStream().transferTo(toClient);
      } finally {
        up.interrupt();
      }
    } finally {
      open.remove(origin);
    }
  }

  /**
   * Connects {@code origin} to {@code to} at the one address its host resolves to now, unless the
   * guard refuses that address: the address checked is the address connected to, so no second
   * lookup can answer otherwise.
   *
   * @return why the guard refused the address, or empty once connected
   */
  private Optional<String> connectChecked(Socket origin, Authority to) throws IOException {
    InetAddress address = InetAddress.getByName(to.host());
    Optional<String> refused = guard.connectionDenial(to.host(), address);
    if (refused.isEmpty()) {
      origin.connect(new InetSocketAddress(address, to.port()), CONNECT_TIMEOUT_MS);
    }
    return refused;
  }

  /** One request for {@code target}, checked when it is for a document, then relayed to the origin and back. */
  private void exchange(InputStream fromClient, OutputStream toClient, String[] requestLine, String[] lines, URI target)
      throws IOException {
    if (checkDocuments && HttpHeads.asksForHtml(lines)) {
      Optional<String> why = guard.denial(requestLine[1]);
      if (why.isPresent()) {
        denial.compareAndSet(null, why.get());
        HttpHeads.answer(toClient, "403 Forbidden", why.get());
        return;
      }
    }
    Authority to = Authority.of(target);
    Socket origin = new Socket();
    open.add(origin);
    try (origin) {
      Socket connection;
      try {
        Optional<String> refused = connectChecked(origin, to);
        if (refused.isPresent()) {
          if (HttpHeads.asksForHtml(lines)) {
            denial.compareAndSet(null, refused.get());
          }
          HttpHeads.answer(toClient, "403 Forbidden", refused.get());
          return;
        }
        connection = target.getScheme().equalsIgnoreCase("https") ? ProxyTls.connect(origin, upstream, to) : origin;
      } catch (IOException e) {
        if (!HttpHeads.asksForHtml(lines)) {
          // A subresource, or one of Chromium's own background requests: not worth a line above DEBUG.
          log.debug("the guard proxy could not reach the origin of {}: {}", requestLine[1], e.toString());
        } else {
          log.info("the guard proxy could not reach the origin of {}: {}", requestLine[1], e.toString());
          failures.rememberDocument(requestLine[1], NetworkFailures.unreached(e, requestLine[1]));
        }
        HttpHeads.answer(toClient, "502 Bad Gateway", "Could not reach " + target.getHost() + ": " + e.getMessage());
        return;
      }
      OutputStream toOrigin = connection.getOutputStream();
      toOrigin.write(HttpHeads.originRequest(requestLine, target, lines).getBytes(StandardCharsets.ISO_8859_1));
      toOrigin.flush();
      // The request body, if any, as the client sends it; the response, with its head rewritten.
      Thread.ofVirtual().name("bf-guard-proxy-body").start(() -> {
        try {
          fromClient.transferTo(toOrigin);
        } catch (IOException closed) {
          // the exchange is over
        }
      });
      InputStream fromOrigin = new BufferedInputStream(connection.getInputStream());
      String responseHead = HttpHeads.readHead(fromOrigin);
      if (responseHead != null) {
        // A protocol switch (WebSocket) keeps its head; the connection is then the new protocol's.
        boolean switched = HttpHeads.upgrade(lines) && responseHead.startsWith(" 101", responseHead.indexOf(' '));
        String head = switched ? responseHead + "\r\n\r\n" : HttpHeads.withConnectionClose(responseHead);
        toClient.write(head.getBytes(StandardCharsets.ISO_8859_1));
        fromOrigin.transferTo(toClient);
        toClient.flush();
      }
    } finally {
      open.remove(origin);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
