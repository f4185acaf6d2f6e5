package dev.browserfleet.contracts.action;

/**
 * Sets how the dialogs (alert, confirm, prompt, beforeunload) that open after it in the job are
 * answered: accepted, a prompt with {@code promptText} (its own default value when that is
 * absent), or dismissed. Without it a job accepts every dialog, a prompt with its default value,
 * as WebDriver does. Each dialog a job meets is listed in its result's {@code dialogs}.
 */
public record Dialogs(Boolean accept, String promptText) implements Action {

  @Override
  public String actionName() {
    return "dialogs";
  }

  /** It waits for nothing: it only changes how later dialogs are answered. */
  @Override
  public Integer timeoutMs() {
    return null;
  }
}
