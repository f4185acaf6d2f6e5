package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.SwitchTo;
import dev.browserfleet.worker.engine.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Switching between the job's windows. Index 0 is the job's tab, then the windows its pages
 * opened in the order the attempt first saw them (drivers list windows in no promised order);
 * a window that closed drops out of the count.
 */
final class WindowSteps {

  private final StepContext context;
  private final List<String> seen = new ArrayList<>();

  WindowSteps(StepContext context) {
    this.context = context;
  }

  void switchTo(int index, SwitchTo switchTo) {
    if (seen.isEmpty()) {
      seen.add(context.session.currentWindow());
    }
    Duration wait = context.patience(switchTo);
    Deadline until = context.deadline.within(wait);
    String from = context.session.currentWindow();
    while (true) {
      List<String> open = openWindows();
      Optional<String> found = switchTo.index() != null
          ? Optional.ofNullable(switchTo.index() < open.size() ? open.get(switchTo.index()) : null)
          : firstWithUrl(open, switchTo.urlContains(), from);
      if (found.isPresent()) {
        context.session.switchToWindow(found.get());
        break;
      }
      if (until.expired()) {
        throw new StepException(FailureKind.ELEMENT_NOT_FOUND, (switchTo.index() != null
            ? "there is no window with index " + switchTo.index()
            : "no window's URL contains '" + switchTo.urlContains() + "'")
            + " within " + wait.toMillis() + " ms (the job has " + open.size() + " open)");
      }
      Elements.pause();
    }
    context.session.awaitPage(context.jobWaitUntil, until);
    context.navigator.checkLanded(context.step(index, switchTo));
  }

  /**
   * The first of {@code open} whose URL contains {@code part}, which WebDriver reads of the current
   * window only; when there is none, the job is back on {@code from}.
   */
  private Optional<String> firstWithUrl(List<String> open, String part, String from) {
    for (String window : open) {
      context.session.switchToWindow(window);
      if (String.valueOf(context.session.currentUrl()).contains(part)) {
        return Optional.of(window);
      }
    }
    if (open.contains(from)) {
      context.session.switchToWindow(from);
    }
    return Optional.empty();
  }

  /** The job's open windows, in the order first seen. */
  private List<String> openWindows() {
    List<String> now = context.session.windows();
    now.stream().filter(w -> !seen.contains(w)).forEach(seen::add);
    return seen.stream().filter(now::contains).toList();
  }
}
