package dev.browserfleet.contracts.action;

/**
 * Runs {@code script} as the body of a function in the page; what it returns lands in {@code
 * result.data[name]} ({@code name} defaults to {@code script<index>}). Workers refuse it unless
 * their configuration enables it.
 */
public record ExecuteScript(String script, String name, Integer timeoutMs) implements Action {

  @Override
  public String actionName() {
    return "executeScript";
  }

  public String nameOrDefault(int index) {
    return name == null ? "script" + index : name;
  }
}
