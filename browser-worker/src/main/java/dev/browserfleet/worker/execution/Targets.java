package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.ElementAction;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;

/**
 * Turns an action's {@code target} and {@code getTargetBy} into a Selenium locator. The
 * Playwright-style strategies are approximated with XPath: text and label match by substring
 * after whitespace normalisation, roles cover the implicit roles of common elements.
 */
public final class Targets {

  // getByRole target: "button" or, as in Playwright's selector engine, button[name="Save"].
  private static final Pattern ROLE_WITH_NAME =
      Pattern.compile("^\\s*([A-Za-z]+)\\s*(?:\\[\\s*name\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')\\s*])?\\s*$");

  private static final String TEXT_INPUT =
      "input[not(@type) or @type='text' or @type='email' or @type='tel' or @type='url' or @type='search']";

  // Elements that carry a role without saying so.
  private static final Map<String, String> IMPLICIT_ROLES =
      Map.ofEntries(
          Map.entry("button", "self::button or self::input[@type='button' or @type='submit' or @type='reset']"),
          Map.entry("link", "self::a[@href] or self::area[@href]"),
          Map.entry("textbox", "self::textarea or self::" + TEXT_INPUT),
          Map.entry("searchbox", "self::input[@type='search']"),
          Map.entry("checkbox", "self::input[@type='checkbox']"),
          Map.entry("radio", "self::input[@type='radio']"),
          Map.entry("combobox", "self::select[not(@multiple)]"),
          Map.entry("listbox", "self::select[@multiple]"),
          Map.entry("option", "self::option"),
          Map.entry("heading", "self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"),
          Map.entry("img", "self::img[not(@alt='')]"),
          Map.entry("list", "self::ul or self::ol"),
          Map.entry("listitem", "self::li"),
          Map.entry("table", "self::table"),
          Map.entry("row", "self::tr"),
          Map.entry("form", "self::form"),
          Map.entry("navigation", "self::nav"),
          Map.entry("main", "self::main"));

  private Targets() {}

  /** The locator of {@code action}'s target. */
  public static By locator(ElementAction action) {
    String target = action.target();
    return switch (action.targetBy()) {
      case GET_BY_SELECTOR -> By.cssSelector(target);
      case GET_BY_XPATH -> By.xpath(target);
      case GET_BY_TEST_ID -> By.cssSelector("[data-testid=" + cssString(target) + "]");
      case GET_BY_PLACEHOLDER -> By.xpath("//*[@placeholder][contains(@placeholder, " + xpathLiteral(target) + ")]");
      case GET_BY_TEXT -> By.xpath(byText(target));
      case GET_BY_LABEL -> By.xpath(byLabel(target));
      case GET_BY_ROLE -> By.xpath(byRole(target));
    };
  }

  /** How the target is named in messages, e.g. {@code getBySelector '#save'}. */
  public static String describe(ElementAction action) {
    return action.targetBy().wireName() + " '" + action.target() + "'"
        + (action.index() == null ? "" : " index " + action.index())
        + (action.frame() == null ? "" : " in frame '" + action.frame() + "'");
  }

  // The innermost elements whose text contains it, so that <body> does not match every text.
  static String byText(String text) {
    String literal = xpathLiteral(text.strip());
    String contains = "contains(normalize-space(.), " + literal + ")";
    return "//body//*[not(self::script or self::style)][" + contains + "][not(.//*[" + contains + "])]";
  }

  static String byLabel(String label) {
    String literal = xpathLiteral(label.strip());
    String labelled = "//label[contains(normalize-space(.), " + literal + ")]";
    String control = "self::input or self::select or self::textarea or self::button";
    return "//*[@id = " + labelled + "/@for]"
        + " | " + labelled + "//*[" + control + "]"
        + " | //*[@aria-label][contains(@aria-label, " + literal + ")]";
  }

  static String byRole(String target) {
    Matcher m = ROLE_WITH_NAME.matcher(target);
    if (!m.matches()) {
      throw new StepException(FailureKind.INVALID_ACTION,
          "getByRole target must be a role such as 'button' or 'button[name=\"Save\"]', not '" + target + "'");
    }
    String role = m.group(1).toLowerCase(Locale.ROOT);
    String name = m.group(2) != null ? m.group(2) : m.group(3);
    String explicit = "@role=" + xpathLiteral(role);
    String implicit = IMPLICIT_ROLES.get(role);
    String roleTest = implicit == null ? explicit : explicit + " or ((" + implicit + ") and not(@role))";
    String path = "//*[" + roleTest + "]";
    if (name == null) {
      return path;
    }
    String literal = xpathLiteral(name);
    // An approximation of the accessible name: aria-label, alt, value, title, or the text.
    return path + "[@aria-label=" + literal + " or @alt=" + literal + " or @value=" + literal
        + " or @title=" + literal + " or normalize-space(.)=" + literal + "]";
  }

  /** A string as an XPath 1.0 literal, which has no escapes: quotes are spliced with concat(). */
  static String xpathLiteral(String value) {
    if (!value.contains("'")) {
      return "'" + value + "'";
    }
    if (!value.contains("\"")) {
      return "\"" + value + "\"";
    }
    StringBuilder concat = new StringBuilder("concat(");
    String[] parts = value.split("'", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        concat.append(", \"'\", ");
      }
      concat.append('\'').append(parts[i]).append('\'');
    }
    return concat.append(')').toString();
  }

  /** A string as a CSS string token. */
  static String cssString(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\a ") + "\"";
  }
}
