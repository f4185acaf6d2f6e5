package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.ExecuteScript;
import dev.browserfleet.contracts.action.Extract;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Reading the page into {@code result.data}: extracted values and what scripts return. */
final class ReadSteps {

  private final StepContext context;

  ReadSteps(StepContext context) {
    this.context = context;
  }

  void extract(Extract extract) {
    Duration wait = context.patience(extract);
    Object value = extract.wantsAll()
        ? context.elements.all(extract, wait, element -> read(extract, element))
        : context.elements.act(extract, Elements.Readiness.PRESENT, wait, element -> read(extract, element));
    context.result.putData(extract.name(), value);
  }

  private Object read(Extract extract, WebElement element) {
    if (extract.attribute() != null) {
      return element.getDomAttribute(extract.attribute());
    }
    String property = extract.property() == null ? "text" : extract.property();
    if (ActionValidator.isLiveState(property)) {
      return context.session.elementState(element, property);
    }
    return switch (property) {
      case "html" -> element.getDomProperty("innerHTML");
      case "value" -> element.getDomProperty("value");
      default -> {
        // getText() is the rendered text; an element that is not rendered still has its content.
        String text = element.getText();
        if (text.isEmpty()) {
          String content = element.getDomProperty("textContent");
          yield content == null ? "" : content.strip();
        }
        yield text;
      }
    };
  }

  void executeScript(int index, ExecuteScript script) {
    if (!context.settings.executeScriptEnabled()) {
      throw new StepException(FailureKind.INVALID_ACTION,
          "executeScript is disabled on this worker (browserfleet.worker.execute-script-enabled)");
    }
    WebDriver driver = context.session.driver();
    driver.manage().timeouts().scriptTimeout(context.patience(script));
    Object value;
    try {
      value = ((JavascriptExecutor) driver).executeScript(script.script());
    } catch (org.openqa.selenium.JavascriptException e) {
      throw new StepException(FailureKind.INVALID_ACTION, "the script threw: " + FailureClassifier.summary(e));
    }
    context.result.putData(script.nameOrDefault(index), plain(value));
  }

  /** A script's value as JSON-friendly data: elements become their tag name. */
  private static Object plain(Object value) {
    return switch (value) {
      case null -> null;
      case WebElement element -> "<" + element.getTagName() + ">";
      case List<?> list -> list.stream().map(ReadSteps::plain).toList();
      case Map<?, ?> map -> {
        var out = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
        yield out;
      }
      default -> value;
    };
  }
}
