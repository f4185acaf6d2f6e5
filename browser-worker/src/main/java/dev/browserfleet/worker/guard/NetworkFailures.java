package dev.browserfleet.worker.guard;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.openqa.selenium.WebDriverException;

/**
 * The one place that turns what the guard proxy saw into the reason a job reads: network errors
 * named as Chromium names them ({@code net::ERR_CONNECTION_REFUSED}), so that a navigation failed
 * by the proxy reads the same on every engine, and a refused address as the job's blocked
 * navigation. Which kind of failure a reason is (retryable or not) is decided from the name by
 * the worker's failure classification.
 */
final class NetworkFailures {

  private NetworkFailures() {}

  /** Chromium's name for the network error {@code e} is. */
  static String name(IOException e) {
    String name = switch (e) {
      case java.net.UnknownHostException unknown -> "NAME_NOT_RESOLVED";
      case java.net.ConnectException refused -> "CONNECTION_REFUSED";
      case java.net.NoRouteToHostException noRoute -> "ADDRESS_UNREACHABLE";
      case java.net.SocketTimeoutException timeout -> "CONNECTION_TIMED_OUT";
      case javax.net.ssl.SSLException tls -> causedByCertificate(tls) ? "CERT_INVALID" : "SSL_PROTOCOL_ERROR";
      default -> "CONNECTION_FAILED";
    };
    return "net::ERR_" + name;
  }

  /**
   * Why {@code where} (a document's URL, a tunnel's host and port) was not reached: {@code
   * net::ERR_... at where (message)}.
   */
  static GuardProxy.Failure unreached(IOException e, String where) {
    return new GuardProxy.Failure(name(e) + " at " + where + " (" + e.getMessage() + ")", false);
  }

  /** Why {@code where} was not connected to: the guard refused its address. */
  static GuardProxy.Failure refused(String why) {
    return new GuardProxy.Failure(why, true);
  }

  /**
   * What the proxy knows of a document that did not load from {@code url}: a refused address is
   * handed to {@code blocked} as the job's blocked navigation (a {@code URL_POLICY} failure), and
   * either becomes the navigation's error, named as Chromium names it rather than as a failed
   * tunnel. {@code navigationFailed}: the browser failed the navigation, so a failed tunnel to the
   * URL's host explains it too.
   */
  static Optional<WebDriverException> ofNavigation(GuardProxy proxy, String url, boolean navigationFailed,
      Consumer<String> blocked) {
    var known = proxy.failure(url);
    if (known.isEmpty() && navigationFailed) {
      known = proxy.tunnelFailure(url);
    }
    return known.map(failure -> {
      if (failure.denied()) {
        blocked.accept("navigation to " + url + " is denied: " + failure.why());
      }
      return new WebDriverException(failure.why());
    });
  }

  private static boolean causedByCertificate(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }
}
