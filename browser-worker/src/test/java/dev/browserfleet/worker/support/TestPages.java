package dev.browserfleet.worker.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.browserfleet.worker.guard.CertificateAuthority;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import javax.net.ssl.SSLContext;

/**
 * The test pages of {@code src/test/resources/pages}, served on 127.0.0.1 by one JDK HTTP server
 * per test JVM, and by one HTTPS server ({@link #httpsUrl}). Besides the files: {@code /red.png} (a 200x100 red image), {@code
 * /slow.png?ms=N} (the same, after N ms), {@code /redirect?to=URL}, and {@code /cookies}: a page
 * showing the Cookie header its request carried and the localStorage item {@code theme} and
 * sessionStorage item {@code tab} its first script saw. It counts the requests for each path.
 */
public final class TestPages {

  private static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
  private static final CertificateAuthority AUTHORITY = new CertificateAuthority("Browserfleet test pages");
  private static HttpServer server;
  private static HttpsServer httpsServer;
  private static ExecutorService executor;

  private TestPages() {}

  /** The absolute URL of {@code path} (e.g. {@code "form.html"}). */
  public static synchronized String url(String path) {
    if (server == null) {
      start();
    }
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  /**
   * The absolute https URL of {@code path}, served by a second server of the same pages, with a
   * certificate for 127.0.0.1 that only {@link #httpsTrust()} trusts.
   */
  public static synchronized String httpsUrl(String path) {
    if (server == null) {
      start();
    }
    return "https://127.0.0.1:" + httpsServer.getAddress().getPort() + "/" + path;
  }

  /** A TLS client context that trusts the certificate of {@link #httpsUrl}'s server. */
  public static SSLContext httpsTrust() {
    return AUTHORITY.clientContext();
  }

  /** How many requests for {@code path} (e.g. {@code "/form.html"}) the server has had, by any test. */
  public static int requests(String path) {
    AtomicInteger count = REQUESTS.get(path);
    return count == null ? 0 : count.get();
  }

  private static void start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    executor = Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("test-pages-", 0).factory());
    server.setExecutor(executor);
    server.createContext("/", TestPages::serve);
    server.start();
    try {
      httpsServer = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    httpsServer.setHttpsConfigurator(new HttpsConfigurator(AUTHORITY.serverContext("127.0.0.1")));
    httpsServer.setExecutor(executor);
    httpsServer.createContext("/", TestPages::serve);
    httpsServer.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(0);
      httpsServer.stop(0);
      executor.shutdownNow();
    }, "test-pages-stop"));
  }

  private static void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      REQUESTS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      Map<String, String> query = query(exchange.getRequestURI());
      switch (path) {
        case "/red.png" -> send(exchange, 200, "image/png", redPng());
        case "/slow.png" -> {
          sleep(Long.parseLong(query.getOrDefault("ms", "1000")));
          send(exchange, 200, "image/png", redPng());
        }
        case "/cookies" -> {
          String cookies = exchange.getRequestHeaders().getFirst("Cookie");
          String page = "<!doctype html><html><head><title>Cookies</title><script>"
              + "var seenAtStart = localStorage.getItem('theme') + '/' + sessionStorage.getItem('tab');</script></head>"
              + "<body><p id=\"cookies\">" + (cookies == null ? "" : cookies.replace("<", "&lt;")) + "</p>"
              + "<p id=\"storage\"></p><script>document.getElementById('storage').textContent = seenAtStart;</script>"
              + "</body></html>";
          send(exchange, 200, "text/html; charset=utf-8", page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        case "/status" -> exchange.sendResponseHeaders(Integer.parseInt(query.getOrDefault("code", "204")), -1);
        case "/download" -> {
          exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"report.bin\"");
          send(exchange, 200, "application/octet-stream", new byte[] {1, 2, 3});
        }
        case "/redirect" -> {
          exchange.getResponseHeaders().add("Location", query.get("to"));
          exchange.sendResponseHeaders(302, -1);
        }
        default -> {
          try (InputStream page = TestPages.class.getResourceAsStream("/pages" + path)) {
            if (page == null) {
              send(exchange, 404, "text/plain", "not found".getBytes());
            } else {
              send(exchange, 200, path.endsWith(".html") ? "text/html; charset=utf-8" : "application/octet-stream",
                  page.readAllBytes());
            }
          }
        }
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static byte[] redPng() throws IOException {
    var image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
    var graphics = image.createGraphics();
    graphics.setColor(Color.RED);
    graphics.fillRect(0, 0, 200, 100);
    graphics.dispose();
    var out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static Map<String, String> query(URI uri) {
    var result = new java.util.HashMap<String, String>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          result.put(pair.substring(0, eq),
              java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    return result;
  }

  private static void sleep(long ms) {
    try {
      TimeUnit.MILLISECONDS.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
