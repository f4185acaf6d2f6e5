package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.EngineException.Kind;
import dev.browserfleet.worker.engine.EngineException;
import java.util.function.Supplier;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.InvalidArgumentException;
import org.openqa.selenium.InvalidElementStateException;
import org.openqa.selenium.InvalidSelectorException;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.UnreachableBrowserException;

/**
 * The edge where Selenium's errors become {@link EngineException}s: every call of the engine
 * interface into a WebDriver-shaped driver (chromedriver, WebKitWebDriver, the BiDi driver, a
 * remote endpoint) goes through {@link #call}. The message is kept whole; only the type changes.
 */
public final class SeleniumErrors {

  private SeleniumErrors() {}

  static <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (WebDriverException e) {
      throw translate(e);
    }
  }

  static void run(Runnable command) {
    try {
      command.run();
    } catch (WebDriverException e) {
      throw translate(e);
    }
  }

  /** The engine's kind of {@code error}; subclasses before the classes they extend. */
  public static EngineException translate(WebDriverException error) {
    Kind kind = switch (error) {
      case StaleElementReferenceException gone -> Kind.ELEMENT_GONE;
      case ElementNotInteractableException refused -> Kind.ELEMENT_REFUSED;
      case InvalidElementStateException state -> Kind.ELEMENT_STATE;
      case InvalidSelectorException invalid -> Kind.INVALID_INPUT;
      case InvalidArgumentException invalid -> Kind.INVALID_INPUT;
      case JavascriptException script -> Kind.SCRIPT_ERROR;
      case UnhandledAlertException dialog -> Kind.DIALOG_OPEN;
      case NoSuchWindowException window -> Kind.WINDOW_GONE;
      case TimeoutException timeout -> Kind.TIMEOUT;
      case NoSuchSessionException gone -> Kind.BROWSER_GONE;
      case SessionNotCreatedException gone -> Kind.BROWSER_GONE;
      case UnreachableBrowserException gone -> Kind.BROWSER_GONE;
      default -> Kind.OTHER;
    };
    return new EngineException(kind, error.getMessage(), error);
  }
}
