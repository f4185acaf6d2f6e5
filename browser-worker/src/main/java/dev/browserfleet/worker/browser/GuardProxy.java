package dev.browserfleet.worker.browser;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP forward proxy that puts a browser without request interception under the URL
 * guard before it requests a document: every plain-http document request, redirect hops
 * included, is checked before it leaves the machine; a denied one is answered 403 here and
 * remembered, for the session to fail the job with. A request counts as a document when it asks
 * for HTML ({@code Accept} names {@code text/html}), as a browser's navigations and frames do;
 * other requests pass unchecked, as on Chromium.
 *
 * <p>https goes through it as {@code CONNECT} tunnels, whose requests cannot be seen: a tunnel is
 * refused (403, remembered as well) when the guard denies its host outright, whatever the request
 * (see {@link NavigationGuard#tunnelDenial}), and is otherwise a byte pipe to the origin. A plain
 * http connection carries one request ({@code Connection: close} both ways), which keeps the proxy
 * a byte pipe too.
 */
final class GuardProxy implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GuardProxy.class);
  private static final int MAX_HEAD = 64 * 1024;
  private static final int CONNECT_TIMEOUT_MS = 30_000;
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer");

  private volatile NavigationGuard guard = NavigationGuard.ALLOW_ALL;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicReference<String> denial = new AtomicReference<>();

  /** Starts the proxy on a free loopback port; it lets everything through until {@link #use} says otherwise. */
  GuardProxy() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new SessionStartException("could not open the URL guard's proxy port", e);
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
    String head = readHead(fromClient);
    if (head == null) {
      return;
    }
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length == 3 && requestLine[0].equals("CONNECT")) {
      tunnel(client, fromClient, toClient, requestLine[1]);
      return;
    }
    if (requestLine.length != 3 || !requestLine[1].regionMatches(true, 0, "http://", 0, 7)) {
      answer(toClient, "501 Not Implemented", "This proxy forwards http requests and CONNECT tunnels only.");
      return;
    }
    URI target;
    try {
      target = new URI(requestLine[1]);
    } catch (URISyntaxException e) {
      answer(toClient, "400 Bad Request", "Not a URL: " + requestLine[1]);
      return;
    }
    if (target.getHost() == null) {
      answer(toClient, "400 Bad Request", "No host in " + requestLine[1]);
      return;
    }
    if (asksForHtml(lines)) {
      Optional<String> why = guard.denial(requestLine[1]);
      if (why.isPresent()) {
        denial.compareAndSet(null, why.get());
        answer(toClient, "403 Forbidden", why.get());
        return;
      }
    }
    Socket origin = new Socket();
    open.add(origin);
    try (origin) {
      try {
        origin.connect(new InetSocketAddress(target.getHost(), target.getPort() < 0 ? 80 : target.getPort()), CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        log.info("the guard proxy could not connect to the origin of {}: {}", requestLine[1], e.toString());
        answer(toClient, "502 Bad Gateway", "Could not reach " + target.getHost() + ": " + e.getMessage());
        return;
      }
      OutputStream toOrigin = origin.getOutputStream();
      toOrigin.write(originRequest(requestLine, target, lines).getBytes(StandardCharsets.ISO_8859_1));
      toOrigin.flush();
      // The request body, if any, as the client sends it; the response, with its head rewritten.
      Thread.ofVirtual().name("bf-guard-proxy-body").start(() -> {
        try {
          fromClient.transferTo(toOrigin);
        } catch (IOException closed) {
          // the exchange is over
        }
      });
      InputStream fromOrigin = new BufferedInputStream(origin.getInputStream());
      String responseHead = readHead(fromOrigin);
      if (responseHead != null) {
        toClient.write(withConnectionClose(responseHead).getBytes(StandardCharsets.ISO_8859_1));
        fromOrigin.transferTo(toClient);
        toClient.flush();
      }
    } finally {
      open.remove(origin);
    }
  }

  /** A {@code CONNECT host:port} tunnel, when the guard does not deny the host outright. */
  private void tunnel(Socket client, InputStream fromClient, OutputStream toClient, String authority) throws IOException {
    int colon = authority.lastIndexOf(':');
    int port;
    try {
      port = colon < 0 ? -1 : Integer.parseInt(authority.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    String host = colon <= 0 ? "" : authority.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty() || port < 1 || port > 65_535) {
      answer(toClient, "400 Bad Request", "CONNECT needs host:port, not " + authority);
      return;
    }
    Optional<String> why = guard.tunnelDenial(host, port);
    if (why.isPresent()) {
      denial.compareAndSet(null, why.get());
      answer(toClient, "403 Forbidden", why.get());
      return;
    }
    Socket origin = new Socket();
    open.add(origin);
    try (origin) {
      try {
        origin.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        log.info("the guard proxy could not open a tunnel to {}: {}", authority, e.toString());
        answer(toClient, "502 Bad Gateway", "Could not reach " + authority + ": " + e.getMessage());
        return;
      }
      toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      toClient.flush();
      // Each direction until its sender is done; a side that has finished sending may still receive.
      Thread upstream = Thread.ofVirtual().name("bf-guard-proxy-tunnel").start(() -> {
        try {
          fromClient.transferTo(origin.getOutputStream());
          origin.shutdownOutput();
        } catch (IOException closed) {
          // the tunnel is over
        }
      });
      try {
        origin.getInputStream().transferTo(toClient);
        client.shutdownOutput();
      } catch (IOException closed) {
        // the tunnel is over
      }
      try {
        upstream.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } finally {
      open.remove(origin);
    }
  }

  private static boolean asksForHtml(String[] lines) {
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("accept")
          && lines[i].substring(colon + 1).toLowerCase(Locale.ROOT).contains("text/html")) {
        return true;
      }
    }
    return false;
  }

  // The request as the origin is to see it: origin-form target, no proxy or hop-by-hop headers.
  private static String originRequest(String[] requestLine, URI target, String[] lines) {
    String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    var request = new StringBuilder()
        .append(requestLine[0]).append(' ').append(path)
        .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
        .append(' ').append(requestLine[2]).append("\r\n");
    appendHeaders(request, lines);
    return request.append("Connection: close\r\n\r\n").toString();
  }

  private static String withConnectionClose(String responseHead) {
    String[] lines = responseHead.split("\r\n");
    var response = new StringBuilder(lines[0]).append("\r\n");
    appendHeaders(response, lines);
    return response.append("Connection: close\r\n\r\n").toString();
  }

  private static void appendHeaders(StringBuilder to, String[] lines) {
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && HOP_BY_HOP.contains(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT))) {
        continue;
      }
      to.append(lines[i]).append("\r\n");
    }
  }

  private static void answer(OutputStream to, String status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    to.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    to.write(body);
    to.flush();
  }

  /** The bytes up to and without the blank line that ends a head, or null at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    var head = new ByteArrayOutputStream(1024);
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD) {
        throw new IOException("a head of over " + MAX_HEAD + " bytes");
      }
    }
    byte[] bytes = head.toByteArray();
    return new String(bytes, 0, bytes.length - 4, StandardCharsets.ISO_8859_1);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
