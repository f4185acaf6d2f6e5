package dev.browserfleet.worker.guard;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** The guard proxy's two TLS ends, both speaking HTTP/1.1 only (one request per connection). */
final class ProxyTls {

  private static final String[] HTTP_1_1 = {"http/1.1"};

  private ProxyTls() {}

  /** The browser's end of an intercepted tunnel: the proxy is its TLS server, with {@code context}'s certificate. */
  static SSLSocket serve(Socket client, SSLContext context) throws IOException {
    var tls = (SSLSocket) context.getSocketFactory().createSocket(client, null, true);
    tls.setUseClientMode(false);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setApplicationProtocols(HTTP_1_1);
    tls.setSSLParameters(parameters);
    tls.startHandshake();
    return tls;
  }

  /** TLS to the origin over {@code origin}, its certificate verified against {@code upstream}'s trust for the host. */
  static SSLSocket connect(Socket origin, SSLContext upstream, Authority to) throws IOException {
    var tls = (SSLSocket) upstream.getSocketFactory().createSocket(origin, to.host(), to.port(), true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    parameters.setApplicationProtocols(HTTP_1_1);
    tls.setSSLParameters(parameters);
    tls.startHandshake();
    return tls;
  }
}
