package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.Scroll;
import dev.browserfleet.contracts.action.WaitFor;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Scrolling the page and waiting for it: for an element, a text, a URL or a quiet network. */
final class PageSteps {

  private static final String SCROLL = StepContext.script("scroll.js");
  private static final String PAGE_TEXT = StepContext.script("page-text.js");

  private final StepContext context;

  PageSteps(StepContext context) {
    this.context = context;
  }

  void scroll(Scroll scroll) {
    Duration timeout = context.navigationDeadline(scroll).left();
    if (scroll.hasTarget()) {
      context.onElement(scroll, Elements.Readiness.PRESENT,
          element -> context.session.runAsyncScript(timeout, SCROLL, "element", 0, scroll.speedOrDefault(), element));
    } else {
      String mode = scroll.wantsBottom() ? "bottom" : "y";
      int y = scroll.targetY() == null ? 0 : scroll.targetY();
      context.session.runAsyncScript(timeout, SCROLL, mode, y, scroll.speedOrDefault(), null);
    }
  }

  void waitFor(WaitFor waitFor) {
    Duration wait = context.patience(waitFor);
    if (waitFor.hasTarget()) {
      context.elements.awaitState(waitFor, waitFor.stateOrVisible(), wait);
    } else if (waitFor.wantsNetworkIdle()) {
      context.session.awaitNetworkIdle(context.deadline.within(wait));
    } else if (waitFor.text() != null) {
      long end = System.nanoTime() + wait.toNanos();
      context.elements.inFrame(waitFor, end, wait, () -> {
        until(end, () -> pageText().contains(waitFor.text()),
            () -> "the text '" + waitFor.text() + "' did not appear within " + wait.toMillis() + " ms");
        return null;
      });
    } else {
      long end = System.nanoTime() + wait.toNanos();
      until(end, () -> String.valueOf(context.session.currentUrl()).contains(waitFor.urlContains()),
          () -> "the URL did not come to contain '" + waitFor.urlContains() + "' within " + wait.toMillis()
              + " ms (it is " + context.session.currentUrl() + ")");
    }
  }

  private String pageText() {
    Object text = context.session.runScript(PAGE_TEXT);
    return text == null ? "" : text.toString();
  }

  private static void until(long endNanos, BooleanSupplier condition, Supplier<String> failure) {
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - endNanos > 0) {
        throw new StepException(FailureKind.ELEMENT_NOT_FOUND, failure.get());
      }
      Elements.pause();
    }
  }
}
