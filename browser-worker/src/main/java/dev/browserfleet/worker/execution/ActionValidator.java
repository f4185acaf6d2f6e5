package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.ElementAction;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.worker.browser.ImageFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that an action can run as written, before the job touches the browser. The dispatcher
 * validates submissions against the JSON Schema; this catches what reaches a lane anyway.
 */
final class ActionValidator {

  private static final Set<String> EXTRACT_PROPERTIES = Set.of("text", "html", "value");

  private ActionValidator() {}

  /** What is wrong with {@code action}, or empty when it can run. */
  static Optional<String> problem(Action action) {
    if (action.timeoutMs() != null && action.timeoutMs() < 0) {
      return Optional.of("timeoutMs must not be negative");
    }
    if (action instanceof ElementAction element) {
      if (element.target() == null || element.target().isBlank()) {
        return Optional.of("target is required");
      }
      if (element.index() != null && element.index() < 0) {
        return Optional.of("index must not be negative");
      }
    }
    return switch (action) {
      case Navigate navigate ->
          navigate.url() == null || navigate.url().isBlank() ? Optional.of("url is required") : Optional.empty();
      case Wait wait -> wait.ms() < 0 ? Optional.of("ms must not be negative") : Optional.empty();
      case Screenshot shot -> screenshotProblem(shot);
      case Fill fill -> fill.value() == null ? Optional.of("value is required") : Optional.empty();
      case Click click -> Optional.empty();
      case Extract extract -> extractProblem(extract);
    };
  }

  private static Optional<String> screenshotProblem(Screenshot shot) {
    Optional<ImageFormat> format = ImageFormat.fromWireName(shot.typeOrPng());
    if (format.isEmpty()) {
      return Optional.of("type must be png or jpeg, not '" + shot.type() + "'");
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
    if (extract.property() != null && !EXTRACT_PROPERTIES.contains(extract.property())) {
      return Optional.of("property must be text, html or value, not '" + extract.property() + "'");
    }
    return Optional.empty();
  }
}
