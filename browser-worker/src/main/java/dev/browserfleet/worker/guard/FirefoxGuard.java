package dev.browserfleet.worker.guard;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.openqa.selenium.WebDriverException;

/**
 * URL and address enforcement for a local Firefox over WebDriver BiDi, its one entry point. Every
 * document request, redirect hops, frames and popups included, is held by a network intercept
 * until the job's {@link NavigationGuard} has allowed it; every connection the browser makes goes
 * through an address-only {@link GuardProxy}, which this guard owns.
 */
public final class FirefoxGuard implements AutoCloseable {

  /** What a held request is, once vetted: let go, or refused. */
  public enum Verdict { NOT_A_DOCUMENT, ALLOWED_DOCUMENT, DENIED_DOCUMENT }

  private static final Set<String> DOCUMENT_DESTINATIONS = Set.of("document", "iframe", "frame");

  private final GuardProxy proxy = GuardProxy.addressesOnly();
  private final AtomicReference<String> blocked = new AtomicReference<>();
  private volatile NavigationGuard guard = NavigationGuard.ALLOW_ALL;

  /**
   * Opens the guard's proxy on a free loopback port.
   *
   * @throws java.io.UncheckedIOException when the proxy's port cannot be opened
   */
  public FirefoxGuard() {}

  /** Where the browser is to send all its requests: {@code 127.0.0.1:port}. */
  public String proxyAddress() {
    return proxy.address();
  }

  /**
   * The {@code proxy} of a {@code browser.createUserContext} that sends the context's requests to
   * this guard's proxy, for a browser whose profile this worker did not write (a remote one on
   * this host). Firefox leaves its own loopback out of it unless its profile sets {@code
   * network.proxy.allow_hijacking_localhost}.
   */
  public Map<String, Object> userContextProxy() {
    return Map.of("proxyType", "manual", "httpProxy", proxy.address(), "sslProxy", proxy.address());
  }

  /**
   * The params of the {@code network.addIntercept} that holds requests for {@link #vet}. Every
   * request of every context pauses there: BiDi cannot intercept documents alone, so the others
   * are let go at once.
   */
  public static Map<String, Object> intercept() {
    return Map.of("phases", List.of("beforeRequestSent"));
  }

  /** The job's guard from now on, for documents and for connections. */
  public void beginJob(NavigationGuard jobGuard) {
    guard = jobGuard;
    blocked.set(null);
    proxy.use(jobGuard);
    proxy.takeDenial(); // one from between jobs is no business of this one
  }

  /** Between jobs everything is allowed (a reset loads its own pages). */
  public void endJob() {
    guard = NavigationGuard.ALLOW_ALL;
    proxy.use(guard);
    blocked.set(null);
  }

  /**
   * Vets a held request ({@code network.beforeRequestSent} with {@code isBlocked}): a document the
   * job's guard denies is kept as the job's blocked navigation, and is to be failed; anything else
   * is to be let go.
   */
  @SuppressWarnings("unchecked")
  public Verdict vet(Map<String, Object> beforeRequestSent) {
    var request = (Map<String, Object>) beforeRequestSent.get("request");
    String url = (String) request.get("url");
    boolean document = beforeRequestSent.get("navigation") != null
        || DOCUMENT_DESTINATIONS.contains(request.get("destination"));
    Optional<String> denial = document && url != null ? guard.denial(url) : Optional.empty();
    if (denial.isPresent()) {
      blocked.compareAndSet(null, denial.get());
      return Verdict.DENIED_DOCUMENT;
    }
    return document ? Verdict.ALLOWED_DOCUMENT : Verdict.NOT_A_DOCUMENT;
  }

  /** The first navigation refused since the last call, by the intercept or by the proxy, if any. */
  public Optional<String> takeBlockedNavigation() {
    return Optional.ofNullable(blocked.getAndSet(null)).or(proxy::takeDenial);
  }

  /** Forgets what the proxy could not reach, before a navigation. */
  public void newNavigation() {
    proxy.forgetFailures();
  }

  /**
   * An http origin the proxy could not reach gives its 502 page, which Firefox shows as loaded:
   * the error of the navigation to {@code url}, else of the one to where it landed ({@code
   * landed}, asked only then), if the proxy knows of one.
   */
  public Optional<WebDriverException> unreached(String url, Supplier<String> landed) {
    if (!proxy.hasFailures()) {
      return Optional.empty();
    }
    return failure(url, false).or(() -> failure(landed.get(), false));
  }

  /** As {@link #unreached(String, Supplier)} for a navigation the page started, which landed on {@code landed}. */
  public Optional<WebDriverException> unreached(Supplier<String> landed) {
    return proxy.hasFailures() ? failure(landed.get(), false) : Optional.empty();
  }

  /**
   * The error a navigation to {@code url} that Firefox failed met at the proxy, if it met one: a
   * refused address also becomes the job's blocked navigation.
   */
  public Optional<WebDriverException> failedNavigation(String url) {
    return failure(url, true);
  }

  private Optional<WebDriverException> failure(String url, boolean navigationFailed) {
    return NetworkFailures.ofNavigation(proxy, url, navigationFailed, why -> blocked.compareAndSet(null, why));
  }

  @Override
  public void close() {
    proxy.close();
  }
}
