package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.ElementAction;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.EngineException;
import dev.browserfleet.worker.engine.PageElement;
import dev.browserfleet.worker.engine.PageScripts;
import dev.browserfleet.worker.engine.SessionInterruptedException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Finds an action's element, waiting up to the action's timeout for it to exist and, when the
 * action needs it, to be visible and enabled; works inside the action's frame if it names one. Every
 * strategy but XPath also matches inside open shadow roots, as Playwright's do: the page's matches
 * first, then those of each shadow root (see {@code find-elements.js}). XPath cannot cross a shadow
 * boundary, so getByXPath matches in the page's own tree only.
 */
final class Elements {

  private static final long POLL_MILLIS = 50;

  private static final String FIND_ELEMENTS = script("find-elements.js");

  /** What an action needs of its element before it can act. */
  enum Readiness {
    PRESENT("present"),
    VISIBLE("visible"),
    ACTIONABLE("visible and enabled");

    private final String description;

    Readiness(String description) {
      this.description = description;
    }
  }

  private final BrowserSession session;

  Elements(BrowserSession session) {
    this.session = session;
  }

  /**
   * Runs {@code act} on the element once it is ready, retrying while the page is still moving
   * (stale or covered elements) until {@code wait} has passed.
   */
  <T> T act(ElementAction action, Readiness readiness, Duration wait, Function<PageElement, T> act) {
    long deadline = System.nanoTime() + wait.toNanos();
    return inFrame(action, deadline, wait, () -> {
      int index = action.indexOrFirst();
      RuntimeException lastRefusal = null;
      int lastCount = 0;
      while (true) {
        List<PageElement> found = find(action);
        lastCount = found.size();
        if (found.size() > index) {
          PageElement element = found.get(index);
          try {
            if (isReady(element, readiness)) {
              return act.apply(element);
            }
          } catch (EngineException refused) {
            if (!refused.is(EngineException.Kind.ELEMENT_GONE, EngineException.Kind.ELEMENT_REFUSED)) {
              throw refused;
            }
            // Moved, covered or not yet interactable: the page is still settling; try again.
            lastRefusal = refused;
          }
        }
        if (System.nanoTime() - deadline > 0) {
          throw notReady(action, readiness, wait, lastCount, lastRefusal);
        }
        pause();
      }
    });
  }

  /** Every element matching the target, once at least one exists; empty if none appears in time. */
  <T> List<T> all(ElementAction action, Duration wait, Function<PageElement, T> read) {
    long deadline = System.nanoTime() + wait.toNanos();
    return inFrame(action, deadline, wait, () -> {
      while (true) {
        List<PageElement> found = find(action);
        if (!found.isEmpty()) {
          try {
            return found.stream().map(read).toList();
          } catch (EngineException moved) {
            if (!moved.is(EngineException.Kind.ELEMENT_GONE)) {
              throw moved;
            }
            // the page changed under us; read again
          }
        }
        if (System.nanoTime() - deadline > 0) {
          return List.<T>of();
        }
        pause();
      }
    });
  }

  /**
   * Waits until the target is in {@code state}: {@code attached} (in the DOM), {@code detached}
   * (not), {@code visible}, or {@code hidden} (absent or not displayed).
   */
  void awaitState(ElementAction action, String state, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    inFrame(action, deadline, wait, () -> {
      while (true) {
        try {
          List<PageElement> found = find(action);
          PageElement element = found.size() > action.indexOrFirst() ? found.get(action.indexOrFirst()) : null;
          boolean reached = switch (state) {
            case "attached" -> element != null;
            case "detached" -> element == null;
            case "hidden" -> element == null || !element.isDisplayed();
            default -> element != null && element.isDisplayed();
          };
          if (reached) {
            return null;
          }
        } catch (EngineException moved) {
          if (!moved.is(EngineException.Kind.ELEMENT_GONE)) {
            throw moved;
          }
          // look again
        }
        if (System.nanoTime() - deadline > 0) {
          throw new StepException(FailureKind.ELEMENT_NOT_FOUND,
              Targets.describe(action) + " was not " + state + " within " + wait.toMillis() + " ms");
        }
        pause();
      }
    });
  }

  /**
   * Runs {@code body} in the action's frame, if it names one, once that frame exists: each iframe
   * of the path looked up in the document of the one before, outermost first.
   */
  <T> T inFrame(ElementAction action, long deadline, Duration wait, Supplier<T> body) {
    if (action.frame() == null) {
      return body.get();
    }
    try {
      for (int depth = 0; depth < action.frame().selectors().size(); depth++) {
        enterFrame(action, depth, deadline, wait);
      }
      return body.get();
    } finally {
      session.leaveFrames();
    }
  }

  private void enterFrame(ElementAction action, int depth, long deadline, Duration wait) {
    List<String> path = action.frame().selectors();
    String selector = path.get(depth);
    while (true) {
      List<PageElement> frames = find(Targets.Query.css(selector));
      if (!frames.isEmpty()) {
        session.enterFrame(frames.getFirst());
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        String where = path.size() == 1 ? "" : " (frame " + (depth + 1) + " of " + action.frame() + ")";
        throw new StepException(FailureKind.ELEMENT_NOT_FOUND,
            "no frame matches '" + selector + "'" + where + " within " + wait.toMillis() + " ms");
      }
      pause();
    }
  }

  private List<PageElement> find(ElementAction action) {
    return find(Targets.query(action));
  }

  @SuppressWarnings("unchecked")
  private List<PageElement> find(Targets.Query query) {
    if (query.isXPath()) {
      return session.findByXPath(query.value());
    }
    try {
      Object found = session.runScript(FIND_ELEMENTS, query.strategy(), query.value(), query.name());
      return found == null ? List.of() : (List<PageElement>) found;
    } catch (EngineException e) {
      // Chromium reports a selector the page cannot parse as an invalid element state.
      if (query.strategy().equals("css")
          && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("is not a valid selector")) {
        throw new StepException(FailureKind.INVALID_ACTION, "'" + query.value() + "' is not a valid CSS selector");
      }
      throw e;
    }
  }

  private static String script(String name) {
    return PageScripts.load(Elements.class, name);
  }

  private static boolean isReady(PageElement element, Readiness readiness) {
    return switch (readiness) {
      case PRESENT -> true;
      case VISIBLE -> element.isDisplayed();
      case ACTIONABLE -> element.isDisplayed() && element.isEnabled();
    };
  }

  private static StepException notReady(
      ElementAction action, Readiness readiness, Duration wait, int count, RuntimeException refusal) {
    int index = action.indexOrFirst();
    String what = Targets.describe(action);
    String message;
    if (count == 0) {
      message = "no element matches " + what + " within " + wait.toMillis() + " ms";
    } else if (count <= index) {
      message = "only " + count + " element(s) match " + what + ", so there is no index " + index
          + " within " + wait.toMillis() + " ms";
    } else if (refusal != null) {
      message = "the element " + what + " did not accept the action within " + wait.toMillis() + " ms: "
          + FailureClassifier.summary(refusal);
    } else {
      message = "the element " + what + " was not " + readiness.description + " within " + wait.toMillis() + " ms";
    }
    return new StepException(FailureKind.ELEMENT_NOT_FOUND, message);
  }

  static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted while waiting for an element");
    }
  }
}
