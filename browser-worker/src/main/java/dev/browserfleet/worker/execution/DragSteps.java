package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.DragAndDrop;
import dev.browserfleet.contracts.action.Hover;

/** Drag and drop: the target onto the element {@code to} names, in the same frame. */
final class DragSteps {

  private final StepContext context;

  DragSteps(StepContext context) {
    this.context = context;
  }

  void dragAndDrop(DragAndDrop drag) {
    // The drop target is found as a hover's would be, inside the frame the source is in.
    var dropOn = new Hover(drag.to(), null, null, null, drag.timeoutMs());
    context.onElement(drag, Elements.Readiness.VISIBLE, source ->
        context.elements.act(dropOn, Elements.Readiness.VISIBLE, context.patience(drag), target -> {
          context.session.dragAndDrop(source, target);
          return null;
        }));
  }
}
