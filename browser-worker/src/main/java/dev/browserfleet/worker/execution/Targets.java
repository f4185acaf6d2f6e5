package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.ElementAction;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an action's {@code target} and {@code getTargetBy} as a query of the page. Except for
 * XPath, the strategies run in the page as one script ({@code find-elements.js}) that applies them
 * to the document and to every open shadow root, as Playwright's do: text and label match by
 * substring after whitespace normalisation, roles cover the implicit roles of common elements.
 */
public final class Targets {

  // getByRole target: "button" or, as in Playwright's selector engine, button[name="Save"].
  private static final Pattern ROLE_WITH_NAME =
      Pattern.compile("^\\s*([A-Za-z]+)\\s*(?:\\[\\s*name\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')\\s*])?\\s*$");

  /**
   * A query of the page: a strategy of {@code find-elements.js} ({@code css}, {@code testid},
   * {@code placeholder}, {@code text}, {@code label}, {@code role}) or {@code xpath}, what it looks
   * for, and for a role its accessible name (or {@code null}).
   */
  record Query(String strategy, String value, String name) {

    static Query css(String selector) {
      return new Query("css", selector, null);
    }

    boolean isXPath() {
      return strategy.equals("xpath");
    }
  }

  private Targets() {}

  /**
   * The query of {@code action}'s target.
   *
   * @throws StepException of kind {@link FailureKind#INVALID_ACTION} for a getByRole target that is no role
   */
  static Query query(ElementAction action) {
    String target = action.target();
    return switch (action.targetBy()) {
      case GET_BY_SELECTOR -> Query.css(target);
      case GET_BY_XPATH -> new Query("xpath", target, null);
      case GET_BY_TEST_ID -> new Query("testid", target, null);
      case GET_BY_PLACEHOLDER -> new Query("placeholder", target, null);
      case GET_BY_TEXT -> new Query("text", target.strip(), null);
      case GET_BY_LABEL -> new Query("label", target.strip(), null);
      case GET_BY_ROLE -> role(target);
    };
  }

  /** How the target is named in messages, e.g. {@code getBySelector '#save'}. */
  public static String describe(ElementAction action) {
    return action.targetBy().wireName() + " '" + action.target() + "'"
        + (action.index() == null ? "" : " index " + action.index())
        + (action.frame() == null ? "" : " in frame " + action.frame());
  }

  static Query role(String target) {
    Matcher m = ROLE_WITH_NAME.matcher(target);
    if (!m.matches()) {
      throw new StepException(FailureKind.INVALID_ACTION,
          "getByRole target must be a role such as 'button' or 'button[name=\"Save\"]', not '" + target + "'");
    }
    String role = m.group(1).toLowerCase(Locale.ROOT);
    String name = m.group(2) != null ? m.group(2) : m.group(3);
    return new Query("role", role, name);
  }
}
