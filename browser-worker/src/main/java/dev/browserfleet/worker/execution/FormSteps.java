package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.Check;
import dev.browserfleet.contracts.action.Clear;
import dev.browserfleet.contracts.action.ElementAction;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.Press;
import dev.browserfleet.contracts.action.Select;
import dev.browserfleet.contracts.action.Type;
import dev.browserfleet.contracts.action.Uncheck;
import dev.browserfleet.contracts.action.Upload;
import dev.browserfleet.worker.engine.ChosenFile;
import dev.browserfleet.worker.engine.PageElement;
import java.util.ArrayList;
import java.util.List;

/** Form input: filling, typing, clearing, choosing options, checking boxes and pressing keys. */
final class FormSteps {

  private final StepContext context;

  FormSteps(StepContext context) {
    this.context = context;
  }

  void fill(Fill fill) {
    context.onElement(fill, Elements.Readiness.ACTIONABLE, element -> {
      element.clear();
      element.sendKeys(fill.value());
      return null;
    });
  }

  void type(Type type) {
    context.onElement(type, Elements.Readiness.ACTIONABLE, element -> {
      if (type.delayOrZero() == 0) {
        element.sendKeys(type.value());
      } else {
        type.value().codePoints().forEach(c -> {
          element.sendKeys(Character.toString(c));
          StepContext.sleep(type.delayOrZero());
        });
      }
      return null;
    });
  }

  void clear(Clear clear) {
    context.onElement(clear, Elements.Readiness.ACTIONABLE, element -> {
      element.clear();
      return null;
    });
  }

  void select(Select select) {
    context.onElement(select, Elements.Readiness.ACTIONABLE, element -> {
      choose(select, element);
      return null;
    });
  }

  void check(Check check) {
    context.onElement(check, Elements.Readiness.ACTIONABLE, element -> setChecked(check, element, true));
  }

  void uncheck(Uncheck uncheck) {
    context.onElement(uncheck, Elements.Readiness.ACTIONABLE, element -> setChecked(uncheck, element, false));
  }

  void upload(Upload upload) {
    List<ChosenFile> files = upload.files().stream()
        .map(f -> new ChosenFile(f.name(), f.mimeType() == null ? "application/octet-stream" : f.mimeType(), f.base64()))
        .toList();
    // A file input is often hidden behind a styled button, so it need only be there.
    context.onElement(upload, Elements.Readiness.PRESENT, element -> {
      context.session.chooseFiles(element, files).ifPresent(problem -> {
        throw new StepException(FailureKind.INVALID_ACTION, Targets.describe(upload) + " " + problem);
      });
      return null;
    });
  }

  private static void choose(Select select, PageElement element) {
    switch (element.select(select.value(), select.label(), select.optionIndex())) {
      case CHOSEN -> {}
      case NOT_A_SELECT ->
          throw new StepException(FailureKind.INVALID_ACTION, Targets.describe(select) + " is not a <select>");
      case NO_SUCH_OPTION -> {
        String which = select.value() != null ? "value '" + select.value() + "'"
            : select.label() != null ? "label '" + select.label() + "'" : "index " + select.optionIndex();
        throw new StepException(FailureKind.INVALID_ACTION, Targets.describe(select) + " has no option with " + which);
      }
    }
  }

  private static Void setChecked(ElementAction action, PageElement element, boolean checked) {
    if (element.isSelected() == checked) {
      return null;
    }
    if (!checked && "radio".equals(element.attribute("type"))) {
      throw new StepException(FailureKind.INVALID_ACTION,
          Targets.describe(action) + " is a radio button, which cannot be unchecked");
    }
    element.click();
    if (element.isSelected() != checked) {
      throw new StepException(FailureKind.INVALID_ACTION,
          Targets.describe(action) + " did not become " + (checked ? "checked" : "unchecked") + " when clicked");
    }
    return null;
  }

  void press(Press press) {
    KeyNames.Chord chord = KeyNames.parse(press.key())
        .orElseThrow(() -> new StepException(FailureKind.INVALID_ACTION, "'" + press.key() + "' is not a key"));
    if (press.hasTarget()) {
      context.onElement(press, Elements.Readiness.ACTIONABLE, element -> {
        // Element send keys keeps the modifiers down to the end of the keys and then releases them.
        // No NULL key (Keys.chord's ending): WebKit types it as a key of its own.
        var keys = new ArrayList<CharSequence>(chord.modifiers());
        keys.add(chord.key());
        element.sendKeys(keys.toArray(CharSequence[]::new));
        return null;
      });
      return;
    }
    context.session.pressKey(chord.modifiers(), chord.key());
  }
}
