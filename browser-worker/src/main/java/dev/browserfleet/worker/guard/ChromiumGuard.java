package dev.browserfleet.worker.guard;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.Connection;
import org.openqa.selenium.devtools.idealized.target.model.SessionID;

/**
 * URL and address enforcement for a Chromium session, its one entry point. Each document request,
 * paused by CDP's Fetch domain (the page's own, and those of the windows it opened, see {@link
 * PopupTargets}), goes on only when the job's guard allows its URL, and the first refusal is kept
 * for the job to fail with. A local browser's requests all go through an address-only {@link
 * GuardProxy}, whose failures fail the navigation they explain. Paused requests are answered off
 * the DevTools event thread, which must not wait for a reply on its own connection.
 */
public final class ChromiumGuard implements AutoCloseable {

  private final GuardProxy proxy;
  private final AtomicReference<String> refused = new AtomicReference<>();
  private volatile NavigationGuard guard = NavigationGuard.ALLOW_ALL;
  private PopupTargets popups;
  private Supplier<SessionID> pageSession;
  private Consumer<String> onDocumentAllowed = url -> {};

  private ChromiumGuard(GuardProxy proxy) {
    this.proxy = proxy;
  }

  /**
   * The guard of a local browser, with the proxy it must send every request to ({@link
   * #proxyAddress}); this guard owns the proxy.
   *
   * @throws UncheckedIOException when the proxy's port cannot be opened
   */
  public static ChromiumGuard local() {
    return new ChromiumGuard(GuardProxy.addressesOnly());
  }

  /** The guard of a remote browser, whose requests cannot be sent through a local proxy. */
  public static ChromiumGuard remote() {
    return new ChromiumGuard(null);
  }

  /** Where a local browser is to send all its requests: {@code 127.0.0.1:port}. */
  public String proxyAddress() {
    if (proxy == null) {
      throw new IllegalStateException("a remote browser's guard has no proxy");
    }
    return proxy.address();
  }

  /**
   * Vets the documents of the windows the browser of {@code connection} opens from now on, and
   * answers the paused requests of the page on {@code pageSession}'s session. Without a
   * DevTools connection nothing is installed; the session checks its windows after the fact.
   *
   * @param onDocumentAllowed told the URL of each document request let go
   */
  public void install(Connection connection, Supplier<SessionID> pageSession, Consumer<String> onDocumentAllowed) {
    this.popups = new PopupTargets(connection);
    this.pageSession = pageSession;
    this.onDocumentAllowed = onDocumentAllowed;
  }

  /** Request interception of every document a page loads: navigations, redirect hops, frames. */
  public static Command<Void> interceptDocuments() {
    return PopupTargets.interceptDocuments();
  }

  /** The job's guard from now on, for document requests and for connections; forgets a refusal of the last job. */
  public void beginJob(NavigationGuard jobGuard) {
    guard = jobGuard;
    refused.set(null);
    if (proxy != null) {
      proxy.use(jobGuard);
      proxy.takeDenial(); // one from between jobs is no business of this one
    }
  }

  /** Between jobs everything is allowed (a reset loads its own pages). */
  public void endJob() {
    guard = NavigationGuard.ALLOW_ALL;
    refused.set(null);
    if (proxy != null) {
      proxy.use(NavigationGuard.ALLOW_ALL);
    }
  }

  /** The guard of the job in progress, {@link NavigationGuard#ALLOW_ALL} between jobs. */
  public NavigationGuard jobGuard() {
    return guard;
  }

  /** The first navigation refused since the last call, by the document vetting or by the proxy, if any. */
  public Optional<String> takeBlockedNavigation() {
    Optional<String> taken = Optional.ofNullable(refused.getAndSet(null));
    return proxy == null ? taken : taken.or(proxy::takeDenial);
  }

  /** {@code Fetch.requestPaused}: the request id, URL and frame id of a document request. */
  public void vet(String requestId, String url, String frameId) {
    Optional<String> denial = url == null ? Optional.empty() : guard.denial(url);
    denial.ifPresent(this::refuse);
    if (denial.isEmpty()) {
      onDocumentAllowed.accept(url);
    }
    Command<Void> answer = denial.isPresent()
        ? new Command<>("Fetch.failRequest", Map.of("requestId", requestId, "errorReason", "BlockedByClient"))
        : new Command<>("Fetch.continueRequest", Map.of("requestId", requestId));
    Thread.ofVirtual().name("bf-cdp-fetch").start(() -> popups.answer(pageSession.get(), frameId, answer));
  }

  /** Forgets what the proxy could not reach, before a navigation. */
  public void newNavigation() {
    if (proxy != null) {
      proxy.forgetFailures();
    }
  }

  /**
   * An http origin the proxy could not reach gives its 502 page, which Chromium shows as loaded:
   * the error of the navigation to {@code url}, else of the one to where it landed ({@code
   * landed}, asked only then), if the proxy knows of one.
   */
  public Optional<WebDriverException> unreached(String url, Supplier<String> landed) {
    if (proxy == null || !proxy.hasFailures()) {
      return Optional.empty();
    }
    return failure(url, false).or(() -> failure(landed.get(), false));
  }

  /**
   * The error a navigation to {@code url} that the browser failed met at the proxy, if it met one:
   * a refused address also becomes the job's blocked navigation.
   */
  public Optional<WebDriverException> failedNavigation(String url) {
    return failure(url, true);
  }

  private Optional<WebDriverException> failure(String url, boolean navigationFailed) {
    return proxy == null ? Optional.empty() : NetworkFailures.ofNavigation(proxy, url, navigationFailed, this::refuse);
  }

  private void refuse(String why) {
    refused.compareAndSet(null, why);
  }

  /** How many popups have their documents vetted now (for tests). */
  public int guardedPopups() {
    return popups == null ? 0 : popups.guardedCount();
  }

  @Override
  public void close() {
    if (proxy != null) {
      proxy.close();
    }
  }
}
