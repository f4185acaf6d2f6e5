package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.Back;
import dev.browserfleet.contracts.action.Check;
import dev.browserfleet.contracts.action.Clear;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Dialogs;
import dev.browserfleet.contracts.action.DragAndDrop;
import dev.browserfleet.contracts.action.ElementAction;
import dev.browserfleet.contracts.action.ExecuteScript;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.Forward;
import dev.browserfleet.contracts.action.Hover;
import dev.browserfleet.contracts.action.MoveCursor;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.contracts.action.Press;
import dev.browserfleet.contracts.action.Reload;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Scroll;
import dev.browserfleet.contracts.action.Select;
import dev.browserfleet.contracts.action.Snapshot;
import dev.browserfleet.contracts.action.SwitchTo;
import dev.browserfleet.contracts.action.Type;
import dev.browserfleet.contracts.action.Uncheck;
import dev.browserfleet.contracts.action.Upload;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.action.WaitFor;
import dev.browserfleet.worker.engine.ImageFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks that an action can run as written, before the job touches the browser. The dispatcher
 * validates submissions against the JSON Schema; this catches what reaches a lane anyway.
 */
final class ActionValidator {

  private static final Set<String> EXTRACT_PROPERTIES = Set.of("text", "html", "value");
  private static final Set<String> LIVE_STATES = Set.of("checked", "selected", "disabled");
  private static final java.util.regex.Pattern STYLE = java.util.regex.Pattern.compile("style:-{0,2}[A-Za-z][A-Za-z0-9-]*");
  private static final Set<String> BUTTONS = Set.of("left", "right", "middle");
  private static final Set<String> STATES = Set.of("visible", "hidden", "attached", "detached");
  private static final Set<String> PAPER = Set.of("A3", "A4", "A5", "LETTER", "LEGAL", "TABLOID");

  private ActionValidator() {}

  /** What is wrong with {@code action}, or empty when it can run. */
  static Optional<String> problem(Action action) {
    if (action.timeoutMs() != null && action.timeoutMs() < 0) {
      return Optional.of("timeoutMs must not be negative");
    }
    if (action instanceof ElementAction element) {
      if (element.target() == null ? element.targetRequired() : element.target().isBlank()) {
        return Optional.of("target is required");
      }
      if (element.index() != null && element.index() < 0) {
        return Optional.of("index must not be negative");
      }
      if (element.frame() != null && element.frame().selectors().stream().anyMatch(s -> s == null || s.isBlank())) {
        return Optional.of("frame must be a CSS selector of an iframe, or a path of them, none blank");
      }
    }
    return switch (action) {
      case Navigate navigate -> when(navigate.url() == null || navigate.url().isBlank(), "url is required");
      case Wait wait -> when(wait.ms() < 0, "ms must not be negative");
      case Screenshot shot -> screenshotProblem(shot);
      case Fill fill -> when(fill.value() == null, "value is required");
      case Type type -> type.value() == null ? Optional.of("value is required")
          : when(type.delayMs() != null && type.delayMs() < 0, "delayMs must not be negative");
      case Click click -> clickProblem(click);
      case Clear c -> Optional.empty();
      case Check c -> Optional.empty();
      case Uncheck u -> Optional.empty();
      case Hover h -> Optional.empty();
      case Select select -> when(
          Stream.of(select.value(), select.label(), select.optionIndex()).filter(v -> v != null).count() != 1,
          "give exactly one of value, label and optionIndex");
      case Press press -> when(KeyNames.parse(press.key()).isEmpty(),
          "key must be a character or a key name such as Enter or Control+a, not '" + press.key() + "'");
      case Scroll scroll -> scrollProblem(scroll);
      case MoveCursor move -> move.hasTarget()
          ? when(move.x() != null || move.y() != null, "give either a target or x and y, not both")
          : when(move.x() == null || move.y() == null || move.x() < 0 || move.y() < 0,
              "give a target, or x and y of at least 0");
      case WaitFor waitFor -> waitForProblem(waitFor);
      case Pdf pdf -> pdfProblem(pdf);
      case Extract extract -> extractProblem(extract);
      case Snapshot s -> Optional.empty();
      case ExecuteScript script -> when(script.script() == null || script.script().isBlank(), "script is required");
      case Back b -> Optional.empty();
      case Forward f -> Optional.empty();
      case Reload r -> Optional.empty();
      case Upload upload -> uploadProblem(upload);
      case Dialogs dialogs -> dialogs.accept() == null ? Optional.of("accept (true or false) is required")
          : when(!dialogs.accept() && dialogs.promptText() != null, "promptText applies only when accept is true");
      case DragAndDrop drag -> when(drag.to() == null || drag.to().isBlank(), "to (a CSS selector of where to drop) is required");
      case SwitchTo switchTo -> switchTo.index() == null == (switchTo.urlContains() == null)
          ? Optional.of("give exactly one of index and urlContains")
          : switchTo.index() != null ? when(switchTo.index() < 0, "index must not be negative")
          : when(switchTo.urlContains().isEmpty(), "urlContains must not be empty");
    };
  }

  private static Optional<String> when(boolean wrong, String problem) {
    return wrong ? Optional.of(problem) : Optional.empty();
  }

  private static Optional<String> clickProblem(Click click) {
    if (!BUTTONS.contains(click.buttonOrLeft())) {
      return Optional.of("button must be left, right or middle, not '" + click.button() + "'");
    }
    return when(click.clickCountOrOne() < 1 || click.clickCountOrOne() > 3, "clickCount must be 1-3");
  }

  private static Optional<String> scrollProblem(Scroll scroll) {
    long modes = Stream.of(scroll.target(), scroll.targetY(), scroll.wantsBottom() ? true : null)
        .filter(v -> v != null).count();
    if (modes != 1) {
      return Optional.of("give exactly one of targetY, toBottom and target");
    }
    if (scroll.targetY() != null && scroll.targetY() < 0) {
      return Optional.of("targetY must not be negative");
    }
    return when(scroll.speedOrDefault() <= 0, "speed must be positive");
  }

  private static Optional<String> waitForProblem(WaitFor waitFor) {
    long conditions = Stream.of(waitFor.target(), waitFor.text(), waitFor.urlContains(),
        waitFor.wantsNetworkIdle() ? true : null).filter(v -> v != null).count();
    if (conditions != 1) {
      return Optional.of("give exactly one of target, text, urlContains and networkIdle");
    }
    if (waitFor.state() != null && (!waitFor.hasTarget() || !STATES.contains(waitFor.state()))) {
      return Optional.of("state must be visible, hidden, attached or detached, and needs a target");
    }
    return Optional.empty();
  }

  private static Optional<String> pdfProblem(Pdf pdf) {
    if (!PAPER.contains(pdf.formatOrA4().toUpperCase(java.util.Locale.ROOT))) {
      return Optional.of("format must be A3, A4, A5, Letter, Legal or Tabloid, not '" + pdf.format() + "'");
    }
    return when(pdf.scale() != null && (pdf.scale() < 0.1 || pdf.scale() > 2), "scale must be 0.1-2");
  }

  private static Optional<String> screenshotProblem(Screenshot shot) {
    Optional<ImageFormat> format = ImageFormat.fromWireName(shot.typeOrPng());
    if (format.isEmpty()) {
      return Optional.of("type must be png or jpeg, not '" + shot.type() + "'");
    }
    if (shot.hasTarget() && shot.wantsFullPage()) {
      return Optional.of("give either fullPage or a target, not both");
    }
    if (shot.quality() != null) {
      if (format.get() != ImageFormat.JPEG) {
        return Optional.of("quality applies to jpeg only");
      }
      if (shot.quality() < 0 || shot.quality() > 100) {
        return Optional.of("quality must be 0-100, not " + shot.quality());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> extractProblem(Extract extract) {
    if (extract.name() == null || extract.name().isBlank()) {
      return Optional.of("name is required");
    }
    if (extract.attribute() != null && extract.property() != null) {
      return Optional.of("give either attribute or property, not both");
    }
    if (extract.property() != null && !EXTRACT_PROPERTIES.contains(extract.property())
        && !isLiveState(extract.property())) {
      return Optional.of("property must be text, html, value, checked, selected, disabled or style:<css-property>, not '"
          + extract.property() + "'");
    }
    return Optional.empty();
  }

  /** Whether an extract's property is read from the element's live state: checked, selected, disabled, style:<css-property>. */
  static boolean isLiveState(String property) {
    return LIVE_STATES.contains(property) || STYLE.matcher(property).matches();
  }

  private static Optional<String> uploadProblem(Upload upload) {
    if (upload.files() == null || upload.files().isEmpty() || upload.files().size() > 10) {
      return Optional.of("files must hold 1-10 files");
    }
    for (Upload.File file : upload.files()) {
      if (file == null || file.name() == null || file.name().isBlank() || file.base64() == null) {
        return Optional.of("each file needs a name and base64");
      }
      byte[] bytes;
      try {
        bytes = java.util.Base64.getDecoder().decode(file.base64());
      } catch (IllegalArgumentException e) {
        return Optional.of("the base64 of " + file.name() + " is not base64");
      }
      if (bytes.length > Upload.MAX_FILE_BYTES) {
        return Optional.of(file.name() + " has " + bytes.length + " bytes, more than " + Upload.MAX_FILE_BYTES);
      }
    }
    return Optional.empty();
  }
}
