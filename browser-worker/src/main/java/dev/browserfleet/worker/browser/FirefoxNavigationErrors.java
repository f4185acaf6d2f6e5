package dev.browserfleet.worker.browser;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.WebDriverException;

/**
 * Names Firefox's failed navigations as Chromium does ({@code net::ERR_...}), which is what the
 * worker's failure classification reads as a retryable navigation failure.
 */
final class FirefoxNavigationErrors {

  /** Firefox's error codes, and the names of its network error pages ({@code about:neterror?e=...}). */
  private static final Pattern NS_ERROR = Pattern.compile(
      "NS_ERROR_[A-Z_]+|NS_BINDING_ABORTED|\\b(deniedPortAccess|connectionFailure|dnsNotFound|netTimeout|netReset"
          + "|netInterrupt|netOffline|unknownProtocolFound|proxyConnectFailure)\\b");

  private static final Map<String, String> AS_CHROMIUM = Map.ofEntries(
      Map.entry("NS_ERROR_CONNECTION_REFUSED", "net::ERR_CONNECTION_REFUSED"),
      Map.entry("NS_ERROR_PORT_ACCESS_NOT_ALLOWED", "net::ERR_UNSAFE_PORT"),
      Map.entry("NS_ERROR_UNKNOWN_HOST", "net::ERR_NAME_NOT_RESOLVED"),
      Map.entry("NS_ERROR_NET_TIMEOUT", "net::ERR_TIMED_OUT"),
      Map.entry("NS_ERROR_NET_RESET", "net::ERR_CONNECTION_RESET"),
      Map.entry("NS_ERROR_NET_INTERRUPT", "net::ERR_CONNECTION_CLOSED"),
      Map.entry("NS_ERROR_OFFLINE", "net::ERR_INTERNET_DISCONNECTED"),
      Map.entry("NS_BINDING_ABORTED", "net::ERR_ABORTED"),
      Map.entry("NS_ERROR_ABORT", "net::ERR_ABORTED"),
      Map.entry("deniedPortAccess", "net::ERR_UNSAFE_PORT"),
      Map.entry("connectionFailure", "net::ERR_CONNECTION_REFUSED"),
      Map.entry("dnsNotFound", "net::ERR_NAME_NOT_RESOLVED"),
      Map.entry("netTimeout", "net::ERR_TIMED_OUT"),
      Map.entry("netReset", "net::ERR_CONNECTION_RESET"),
      Map.entry("netInterrupt", "net::ERR_CONNECTION_CLOSED"));

  private FirefoxNavigationErrors() {}

  /**
   * The error of a {@code browsingContext.navigate} to {@code url}: a network failure as {@code
   * net::ERR_<name> at <url> (Firefox: NS_ERROR_...)}; anything else as the browser said it.
   */
  static RuntimeException describe(String url, WebDriverException error) {
    String message = BiDiValues.error(error)
        .map(e -> e.get("error") + ": " + e.get("message"))
        .orElse(String.valueOf(error.getMessage()));
    Matcher m = NS_ERROR.matcher(message);
    if (!m.find()) {
      return BiDiValues.translate(error);
    }
    String firefox = m.group();
    String name = AS_CHROMIUM.getOrDefault(firefox, "net::ERR_FAILED");
    return new WebDriverException(name + " at " + url + " (Firefox: " + firefox + ")", error);
  }
}
