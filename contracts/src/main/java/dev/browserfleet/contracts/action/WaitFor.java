package dev.browserfleet.contracts.action;

/**
 * Waits, up to {@code timeoutMs}, for one condition: the {@code target} element in {@code state}
 * ({@code visible}, the default, {@code hidden}, {@code attached} or {@code detached}); the page
 * showing {@code text}; the URL containing {@code urlContains}; or, with {@code networkIdle}, no
 * request in flight for 500 ms.
 */
public record WaitFor(
    String target,
    TargetBy getTargetBy,
    Integer index,
    FramePath frame,
    Integer timeoutMs,
    String state,
    String text,
    String urlContains,
    Boolean networkIdle)
    implements ElementAction {

  @Override
  public String actionName() {
    return "waitFor";
  }

  @Override
  public boolean targetRequired() {
    return false;
  }

  public String stateOrVisible() {
    return state == null ? "visible" : state;
  }

  public boolean wantsNetworkIdle() {
    return Boolean.TRUE.equals(networkIdle);
  }
}
