package dev.browserfleet.contracts.event;

/**
 * A dialog a job met, in the order they opened: its {@code type} ({@link #ALERT}, {@link
 * #CONFIRM}, {@link #PROMPT} or {@link #BEFOREUNLOAD}; absent where the engine cannot tell), its
 * message, and whether it was {@link #ACCEPTED} or {@link #DISMISSED}. {@code promptText} is the
 * text a prompt was accepted with when the job gave one (a prompt accepted with its default value
 * has none here).
 */
public record DialogResult(String type, String message, String answered, String promptText) {

  public static final String ALERT = "alert";
  public static final String CONFIRM = "confirm";
  public static final String PROMPT = "prompt";
  public static final String BEFOREUNLOAD = "beforeunload";
  public static final String ACCEPTED = "accepted";
  public static final String DISMISSED = "dismissed";
}
