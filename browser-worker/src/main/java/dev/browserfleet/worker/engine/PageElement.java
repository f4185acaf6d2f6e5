package dev.browserfleet.worker.engine;

/**
 * One element of the job's page, found by {@link BrowserSession#findElements} or returned by a
 * script. It belongs to the document it was found in: once that document changes, using it fails
 * with {@link EngineException.Kind#ELEMENT_GONE}.
 */
public interface PageElement {

  /** A left click at its centre, once it is scrolled into view. */
  void click();

  /** Empties an input, a text area or an editable element. */
  void clear();

  /**
   * Focuses it and types {@code keys} in order: text, and the code points of {@link Key}s; the
   * modifiers among them stay down until the last key.
   */
  void sendKeys(CharSequence... keys);

  /** The text it renders, as a user sees it; empty when it is not rendered. */
  String text();

  /** The attribute as the markup has it, or null. */
  String attribute(String name);

  /** The DOM property as a string (such as {@code value} or {@code innerHTML}), or null. */
  String property(String name);

  String tagName();

  boolean isDisplayed();

  boolean isEnabled();

  /** Whether a checkbox or radio button is checked, or an option selected. */
  boolean isSelected();

  /**
   * Chooses an option of this {@code <select>}: by {@code value}, else by visible {@code label},
   * else by {@code index}.
   */
  Choice select(String value, String label, Integer index);

  /** What {@link #select} did. */
  enum Choice {
    CHOSEN,
    NOT_A_SELECT,
    NO_SUCH_OPTION
  }
}
