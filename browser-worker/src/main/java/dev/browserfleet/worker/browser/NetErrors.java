package dev.browserfleet.worker.browser;

import java.io.IOException;

/**
 * Network errors named as Chromium names them ({@code net::ERR_CONNECTION_REFUSED}), so that a
 * navigation failed by the guard proxy reads the same on every engine.
 */
final class NetErrors {

  private NetErrors() {}

  /** Chromium's name for the network error {@code e} is. */
  static String of(IOException e) {
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

  private static boolean causedByCertificate(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }
}
