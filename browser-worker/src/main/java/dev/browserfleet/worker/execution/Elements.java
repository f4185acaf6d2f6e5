package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.ElementAction;
import dev.browserfleet.worker.browser.SessionInterruptedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Finds an action's element, waiting up to the action's timeout for it to exist and, when the
 * action needs it, to be visible and enabled; works inside the action's frame if it names one.
 */
final class Elements {

  private static final long POLL_MILLIS = 50;

  /** What an action needs of its element before it can act. */
  enum Readiness {
    PRESENT("present"),
    ACTIONABLE("visible and enabled");

    private final String description;

    Readiness(String description) {
      this.description = description;
    }
  }

  private final WebDriver driver;

  Elements(WebDriver driver) {
    this.driver = driver;
  }

  /**
   * Runs {@code act} on the element once it is ready, retrying while the page is still moving
   * (stale or covered elements) until {@code wait} has passed.
   */
  <T> T act(ElementAction action, Readiness readiness, Duration wait, Function<WebElement, T> act) {
    long deadline = System.nanoTime() + wait.toNanos();
    return inFrame(action, deadline, wait, () -> {
      By locator = Targets.locator(action);
      int index = action.indexOrFirst();
      RuntimeException lastRefusal = null;
      int lastCount = 0;
      while (true) {
        List<WebElement> found = driver.findElements(locator);
        lastCount = found.size();
        if (found.size() > index) {
          WebElement element = found.get(index);
          try {
            if (isReady(element, readiness)) {
              return act.apply(element);
            }
          } catch (StaleElementReferenceException | ElementNotInteractableException refused) {
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
  <T> List<T> all(ElementAction action, Duration wait, Function<WebElement, T> read) {
    long deadline = System.nanoTime() + wait.toNanos();
    return inFrame(action, deadline, wait, () -> {
      By locator = Targets.locator(action);
      while (true) {
        List<WebElement> found = driver.findElements(locator);
        if (!found.isEmpty()) {
          try {
            return found.stream().map(read).toList();
          } catch (StaleElementReferenceException moved) {
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

  private <T> T inFrame(ElementAction action, long deadline, Duration wait, java.util.function.Supplier<T> body) {
    if (action.frame() == null) {
      return body.get();
    }
    By frameLocator = By.cssSelector(action.frame());
    while (true) {
      List<WebElement> frames = driver.findElements(frameLocator);
      if (!frames.isEmpty()) {
        driver.switchTo().frame(frames.getFirst());
        try {
          return body.get();
        } finally {
          driver.switchTo().defaultContent();
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new StepException(FailureKind.ELEMENT_NOT_FOUND,
            "no frame matches '" + action.frame() + "' within " + wait.toMillis() + " ms");
      }
      pause();
    }
  }

  private static boolean isReady(WebElement element, Readiness readiness) {
    return switch (readiness) {
      case PRESENT -> true;
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

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted while waiting for an element");
    }
  }
}
