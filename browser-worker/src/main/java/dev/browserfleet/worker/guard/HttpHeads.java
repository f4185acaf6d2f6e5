package dev.browserfleet.worker.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The HTTP/1.1 heads the guard proxy reads and writes: a request or response head as lines, the
 * request as the origin is to see it (origin-form target, no proxy or hop-by-hop headers, one
 * request per connection), and the proxy's own short answers.
 */
final class HttpHeads {

  private static final int MAX_HEAD = 64 * 1024;
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer");

  private HttpHeads() {}

  static boolean asksForHtml(String[] lines) {
    String accept = header(lines, "accept");
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
  }

  // The request as the origin is to see it: origin-form target, no proxy or hop-by-hop headers.
  static String originRequest(String[] requestLine, URI target, String[] lines) {
    String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    var request = new StringBuilder()
        .append(requestLine[0]).append(' ').append(path)
        .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
        .append(' ').append(requestLine[2]).append("\r\n");
    appendHeaders(request, lines);
    return request.append(upgrade(lines) ? "Connection: Upgrade\r\n\r\n" : "Connection: close\r\n\r\n").toString();
  }

  /** Whether the request asks to switch protocols (a WebSocket handshake). */
  static boolean upgrade(String[] lines) {
    return header(lines, "upgrade") != null;
  }

  static String header(String[] lines, String name) {
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase(name)) {
        return lines[i].substring(colon + 1).trim();
      }
    }
    return null;
  }

  static String withConnectionClose(String responseHead) {
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

  static void answer(OutputStream to, String status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    to.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    to.write(body);
    to.flush();
  }

  /** The lines of a request head, the request line first, or null at end of stream. */
  static String[] readRequestHead(InputStream in) throws IOException {
    String head = readHead(in);
    return head == null ? null : head.split("\r\n");
  }

  /** The bytes up to and without the blank line that ends a head, or null at end of stream. */
  static String readHead(InputStream in) throws IOException {
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
}
