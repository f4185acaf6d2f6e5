package dev.browserfleet.worker.guard;

import java.net.URI;
import java.util.Locale;

/** The {@code host:port} a connection goes to, the host lower-case and without IPv6 brackets. */
record Authority(String host, int port) {

  static Authority parse(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    int port;
    try {
      port = colon < 0 ? -1 : Integer.parseInt(hostAndPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    String host = colon <= 0 ? "" : hostAndPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.isEmpty() || port < 1 || port > 65_535 ? null : new Authority(host.toLowerCase(Locale.ROOT), port);
  }

  /** The authority of an http(s) or ws(s) URL, with its scheme's default port. */
  static Authority of(URI url) {
    if (url.getHost() == null || url.getScheme() == null) {
      return null;
    }
    boolean secure = url.getScheme().equalsIgnoreCase("https") || url.getScheme().equalsIgnoreCase("wss");
    String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
    return new Authority(host.toLowerCase(Locale.ROOT), url.getPort() < 0 ? (secure ? 443 : 80) : url.getPort());
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
