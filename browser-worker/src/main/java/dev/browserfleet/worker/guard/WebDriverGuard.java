package dev.browserfleet.worker.guard;

import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.openqa.selenium.WebDriverException;

/**
 * URL and address enforcement for a browser driven through plain W3C WebDriver, which offers no
 * request interception, its one entry point. A local WebKit sends its http and https requests to a
 * {@link GuardProxy} that reads them: every document, redirect hops included, is checked before it
 * is requested, and every connection's address. A remote browser cannot be sent through a local
 * proxy; its session checks the pages it landed on after the fact, with {@link #jobGuard}.
 */
public final class WebDriverGuard implements AutoCloseable {

  private final GuardProxy proxy;
  private volatile NavigationGuard guard = NavigationGuard.ALLOW_ALL;

  private WebDriverGuard(GuardProxy proxy) {
    this.proxy = proxy;
  }

  /**
   * The guard of a local browser that sends its requests to a proxy that reads them ({@link
   * #proxyAddress}); this guard owns the proxy.
   *
   * @param authority issues the certificates the browser is shown for https hosts, which it must accept
   * @param upstream the trust that origins' certificates are verified with
   * @throws java.io.UncheckedIOException when the proxy's port cannot be opened
   */
  public static WebDriverGuard throughProxy(CertificateAuthority authority, SSLContext upstream) {
    return new WebDriverGuard(new GuardProxy(authority, upstream));
  }

  /** The guard of a remote browser: its pages are checked after the fact only. */
  public static WebDriverGuard afterTheFact() {
    return new WebDriverGuard(null);
  }

  /** Where a local browser is to send its http and https requests: {@code 127.0.0.1:port}. */
  public String proxyAddress() {
    if (proxy == null) {
      throw new IllegalStateException("a remote browser's guard has no proxy");
    }
    return proxy.address();
  }

  /** The job's guard from now on. */
  public void beginJob(NavigationGuard jobGuard) {
    use(jobGuard);
  }

  /** Between jobs everything is allowed (a reset loads its own pages). */
  public void endJob() {
    use(NavigationGuard.ALLOW_ALL);
  }

  private void use(NavigationGuard jobGuard) {
    guard = jobGuard;
    if (proxy != null) {
      proxy.use(jobGuard);
      proxy.takeDenial(); // one from between jobs is no business of this one
    }
  }

  /** The guard of the job in progress, {@link NavigationGuard#ALLOW_ALL} between jobs. */
  public NavigationGuard jobGuard() {
    return guard;
  }

  /** The first document request the proxy refused since the last call, if any. */
  public Optional<String> takeBlockedNavigation() {
    return proxy == null ? Optional.empty() : proxy.takeDenial();
  }

  /** Forgets what the proxy could not reach, before a navigation. */
  public void newNavigation() {
    if (proxy != null) {
      proxy.forgetFailures();
    }
  }

  /**
   * The error of a navigation that landed on {@code landed} when the proxy could not reach its
   * origin: WebKit shows the proxy's 502 page as a loaded page, where Chromium fails the navigation.
   */
  public Optional<WebDriverException> unreached(String landed) {
    return proxy == null ? Optional.empty() : NetworkFailures.ofNavigation(proxy, landed, false, refused -> {});
  }

  @Override
  public void close() {
    if (proxy != null) {
      proxy.close();
    }
  }
}
