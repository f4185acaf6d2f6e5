package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.Back;
import dev.browserfleet.contracts.action.Check;
import dev.browserfleet.contracts.action.Clear;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Dialogs;
import dev.browserfleet.contracts.action.DragAndDrop;
import dev.browserfleet.contracts.action.ExecuteScript;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.Forward;
import dev.browserfleet.contracts.action.Hover;
import dev.browserfleet.contracts.action.MoveCursor;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.contracts.action.Press;
import dev.browserfleet.contracts.action.Reload;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Scroll;
import dev.browserfleet.contracts.action.Select;
import dev.browserfleet.contracts.action.Snapshot;
import dev.browserfleet.contracts.action.SwitchTo;
import dev.browserfleet.contracts.action.Type;
import dev.browserfleet.contracts.action.Uncheck;
import dev.browserfleet.contracts.action.Upload;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.action.WaitFor;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.artifacts.ArtifactStore;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.Deadline;
import dev.browserfleet.worker.engine.HistoryStep;
import java.time.Duration;
import java.util.UUID;

/**
 * Performs the actions of one attempt on its session, one at a time, each by the steps of its
 * family. Element actions wait for their element as {@link Elements} does; page actions use the
 * session's engine-specific means.
 */
final class ActionSteps {

  private final StepContext context;
  private final PointerSteps pointer;
  private final FormSteps form;
  private final PageSteps page;
  private final ReadSteps read;
  private final OutputSteps output;
  private final HistorySteps history;
  private final WindowSteps windows;
  private final DragSteps drag;

  /** The runner's checks of navigations, so that every navigation goes the same way. */
  interface Navigator {

    /** Opens a URL after checking it. */
    void open(String what, String url, WaitUntil waitUntil, Deadline deadline);

    /** Checks the page a navigation that named no URL (back, forward, reload) or a window switched to is on. */
    void checkLanded(String what);
  }

  ActionSteps(JobAssignment job, BrowserSession session, AttemptReports reports, ResultBuilder result,
      Deadline deadline, JobRunner.Settings settings, ArtifactStore artifacts, Navigator navigator,
      WaitUntil jobWaitUntil) {
    this.context = new StepContext(job, session, reports, result, deadline, settings, artifacts, navigator, jobWaitUntil);
    this.pointer = new PointerSteps(context);
    this.form = new FormSteps(context);
    this.page = new PageSteps(context);
    this.read = new ReadSteps(context);
    this.output = new OutputSteps(context);
    this.history = new HistorySteps(context);
    this.windows = new WindowSteps(context);
    this.drag = new DragSteps(context);
  }

  /** Performs action {@code index}; returns the id of the artifact it stored, if any. */
  UUID perform(int index, Action action) {
    switch (action) {
      case Navigate navigate -> {
        WaitUntil waitUntil = navigate.waitUntil() == null ? context.jobWaitUntil : navigate.waitUntil();
        context.navigator.open(context.step(index, navigate), navigate.url(), waitUntil,
            context.navigationDeadline(navigate));
      }
      case Click click -> pointer.click(click);
      case Hover hover -> pointer.hover(hover);
      case MoveCursor move -> pointer.moveCursor(move);
      case DragAndDrop dragAndDrop -> drag.dragAndDrop(dragAndDrop);
      case Fill fill -> form.fill(fill);
      case Type type -> form.type(type);
      case Clear clear -> form.clear(clear);
      case Select select -> form.select(select);
      case Check check -> form.check(check);
      case Uncheck uncheck -> form.uncheck(uncheck);
      case Press press -> form.press(press);
      case Upload upload -> form.upload(upload);
      case Scroll scroll -> page.scroll(scroll);
      case WaitFor waitFor -> page.waitFor(waitFor);
      case Wait wait -> StepContext.sleep(wait.ms());
      case Back back -> history.move(index, back, HistoryStep.BACK);
      case Forward forward -> history.move(index, forward, HistoryStep.FORWARD);
      case Reload reload -> history.move(index, reload, HistoryStep.RELOAD);
      case SwitchTo switchTo -> windows.switchTo(index, switchTo);
      case Dialogs dialogs -> context.session.answerDialogs(dialogs.accept(), dialogs.promptText());
      case Extract extract -> read.extract(extract);
      case ExecuteScript script -> read.executeScript(index, script);
      case Screenshot shot -> {
        return output.screenshot(index, shot);
      }
      case Pdf pdf -> {
        return output.pdf(index, pdf);
      }
      case Snapshot snapshot -> {
        return output.snapshot(index, snapshot);
      }
    }
    return null;
  }
}
