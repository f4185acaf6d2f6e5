package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.ExecuteScript;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.worker.engine.EngineException;
import dev.browserfleet.worker.engine.PageElement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  private Object read(Extract extract, PageElement element) {
    if (extract.attribute() != null) {
      return element.attribute(extract.attribute());
    }
    String property = extract.property() == null ? "text" : extract.property();
    if (ActionValidator.isLiveState(property)) {
      return context.session.elementState(element, property);
    }
    return switch (property) {
      case "html" -> element.property("innerHTML");
      case "value" -> element.property("value");
      default -> {
        // getText() is the rendered text; an element that is not rendered still has its content.
        String text = element.text();
        if (text.isEmpty()) {
          String content = element.property("textContent");
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
    Object value;
    try {
      value = context.session.runScriptWithin(context.patience(script), script.script());
    } catch (EngineException e) {
      if (!e.is(EngineException.Kind.SCRIPT_ERROR)) {
        throw e;
      }
      throw new StepException(FailureKind.INVALID_ACTION, "the script threw: " + FailureClassifier.summary(e));
    }
    context.result.putData(script.nameOrDefault(index), plain(value));
  }

  /** A script's value as JSON-friendly data: elements become their tag name. */
  private static Object plain(Object value) {
    return switch (value) {
      case null -> null;
      case PageElement element -> "<" + element.tagName() + ">";
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
