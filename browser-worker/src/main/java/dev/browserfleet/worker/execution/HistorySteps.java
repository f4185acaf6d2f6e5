package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.worker.engine.HistoryStep;

/**
 * Back, forward and reload: navigations that name no URL, checked like any other. The browser
 * vets the documents they request; the page they end on is checked again, since a page restored
 * from the back-forward cache is requested from no one.
 */
final class HistorySteps {

  private final StepContext context;

  HistorySteps(StepContext context) {
    this.context = context;
  }

  void move(int index, Action action, HistoryStep step) {
    String what = context.step(index, action);
    context.session.traverse(step, context.jobWaitUntil, context.navigationDeadline(action));
    context.navigator.checkLanded(what);
  }
}
