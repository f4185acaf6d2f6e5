package dev.browserfleet.worker.execution;

import dev.browserfleet.worker.engine.EngineException;
import dev.browserfleet.worker.engine.SessionInterruptedException;
import dev.browserfleet.worker.engine.SessionStartException;
import dev.browserfleet.worker.engine.UnsupportedActionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place that decides what a failure means: its kind (and so whether it is retried) and
 * whether the browser session survives it. Navigation errors, browser or driver crashes and
 * timeouts are retryable; missing elements, invalid actions and URL policy violations are not.
 * An engine error about the browser itself retires the session; one about an element of the
 * page does not. Every engine's errors arrive as {@link EngineException}s, so this holds for all.
 */
public final class FailureClassifier {

  // Messages by which chromedriver says the browser, not the page, is gone.
  private static final List<String> CRASH_MARKERS =
      List.of("not reachable", "disconnected", "tab crashed", "session deleted", "target crashed",
          "no such window", "target window already closed", "connection refused", "failed to connect");

  // Chromium's network errors that the same navigation meets again on a retry: refused by the
  // browser itself (a port browsers refuse, an address it will not load, an untrusted certificate).
  // A refused connection, a name not resolved or a timeout may pass, so those are retried.
  private static final List<String> LASTING_NET_ERRORS =
      List.of("net::err_unsafe_port", "net::err_invalid_url", "net::err_disallowed_url_scheme",
          "net::err_unknown_url_scheme", "net::err_blocked_by_client", "net::err_blocked_by_response",
          "net::err_blocked_by_administrator", "net::err_cert_", "net::err_ssl_", "net::err_aborted",
          "net::err_too_many_redirects", "net::err_invalid_redirect", "net::err_unsafe_redirect");

  private FailureClassifier() {}

  private static boolean isLasting(String lowerCaseMessage) {
    return LASTING_NET_ERRORS.stream().anyMatch(lowerCaseMessage::contains);
  }

  /**
   * What {@code error} means, where a navigation the guard denied (as {@code blockedNavigation}
   * tells) explains the error it caused, such as Chromium's ERR_BLOCKED_BY_CLIENT: the job then
   * fails for the URL policy, not for the network.
   */
  public static Failure classify(Throwable error, Supplier<Optional<String>> blockedNavigation) {
    if (!(error instanceof StepException)) {
      try {
        Optional<String> blocked = blockedNavigation.get();
        if (blocked.isPresent()) {
          return new Failure(FailureKind.URL_POLICY, blocked.get(), false);
        }
      } catch (RuntimeException sessionGone) {
        // the error itself says what happened
      }
    }
    return classify(error);
  }

  public static Failure classify(Throwable error) {
    return switch (error) {
      case StepException step -> new Failure(step.kind(), step.getMessage(), false);
      case SessionInterruptedException interrupted ->
          new Failure(FailureKind.TIMEOUT, interrupted.getMessage(), true);
      case SessionStartException start -> new Failure(FailureKind.BROWSER, start.getMessage(), true);
      case UnsupportedActionException unsupported ->
          new Failure(FailureKind.INVALID_ACTION, unsupported.getMessage(), false);
      case EngineException engine -> classifyEngine(engine);
      case UncheckedIOException io -> new Failure(FailureKind.STORAGE, summary(io), false);
      case IOException io -> new Failure(FailureKind.STORAGE, summary(io), false);
      default ->
          new Failure(FailureKind.INTERNAL, "internal error: " + error.getClass().getSimpleName() + ": "
              + summary(error), true);
    };
  }

  private static Failure classifyEngine(EngineException error) {
    return switch (error.kind()) {
      case TIMEOUT -> new Failure(FailureKind.NAVIGATION, "timed out: " + summary(error), true);
      case BROWSER_GONE -> new Failure(FailureKind.BROWSER, "the browser is gone: " + summary(error), true);
      case INVALID_INPUT -> new Failure(FailureKind.INVALID_ACTION, summary(error), false);
      // Not interactable (hidden, covered) or gone after the wait: the element is not there to use.
      case ELEMENT_REFUSED, ELEMENT_GONE -> new Failure(FailureKind.ELEMENT_NOT_FOUND, summary(error), false);
      // Such as a fill on an element that takes no input.
      case ELEMENT_STATE -> new Failure(FailureKind.INVALID_ACTION, summary(error), false);
      case DIALOG_OPEN ->
          new Failure(FailureKind.INVALID_ACTION, "a dialog blocked the page: " + summary(error), true);
      case SCRIPT_ERROR, WINDOW_GONE, OTHER -> classifyByMessage(error);
    };
  }

  private static Failure classifyByMessage(EngineException error) {
    String summary = summary(error);
    String lower = summary.toLowerCase(Locale.ROOT);
    if (lower.contains("net::err_")) {
      // An error page the browser showed on its own leaves the session as good as it was.
      return isLasting(lower)
          ? new Failure(FailureKind.NAVIGATION_REFUSED, summary, false)
          : new Failure(FailureKind.NAVIGATION, summary, true);
    }
    for (String marker : CRASH_MARKERS) {
      if (lower.contains(marker)) {
        return new Failure(FailureKind.BROWSER, "the browser is gone: " + summary, true);
      }
    }
    return new Failure(FailureKind.BROWSER, summary, true);
  }

  /** The first line of the message, without Selenium's "unknown error: " and build details. */
  static String summary(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      return error.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    String line = (newline < 0 ? message : message.substring(0, newline)).strip();
    if (line.startsWith("unknown error: ")) {
      line = line.substring("unknown error: ".length());
    }
    return line;
  }
}
