package dev.browserfleet.contracts.action;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One step of a job, run in order. On the wire an action is a JSON object whose {@code action}
 * property names it; the JSON Schema {@code schemas/job-submit.schema.json} is the public
 * definition. {@code visit} is accepted as an alias of {@code navigate}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "action")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Navigate.class, names = {"navigate", "visit"}),
  @JsonSubTypes.Type(value = Click.class, name = "click"),
  @JsonSubTypes.Type(value = Fill.class, name = "fill"),
  @JsonSubTypes.Type(value = Type.class, name = "type"),
  @JsonSubTypes.Type(value = Clear.class, name = "clear"),
  @JsonSubTypes.Type(value = Select.class, name = "select"),
  @JsonSubTypes.Type(value = Check.class, name = "check"),
  @JsonSubTypes.Type(value = Uncheck.class, name = "uncheck"),
  @JsonSubTypes.Type(value = Hover.class, name = "hover"),
  @JsonSubTypes.Type(value = Press.class, name = "press"),
  @JsonSubTypes.Type(value = Scroll.class, name = "scroll"),
  @JsonSubTypes.Type(value = MoveCursor.class, name = "moveCursor"),
  @JsonSubTypes.Type(value = WaitFor.class, name = "waitFor"),
  @JsonSubTypes.Type(value = Wait.class, name = "wait"),
  @JsonSubTypes.Type(value = Screenshot.class, name = "screenshot"),
  @JsonSubTypes.Type(value = Pdf.class, name = "pdf"),
  @JsonSubTypes.Type(value = Extract.class, name = "extract"),
  @JsonSubTypes.Type(value = Snapshot.class, name = "snapshot"),
  @JsonSubTypes.Type(value = ExecuteScript.class, name = "executeScript"),
  @JsonSubTypes.Type(value = Back.class, name = "back"),
  @JsonSubTypes.Type(value = Forward.class, name = "forward"),
  @JsonSubTypes.Type(value = Reload.class, name = "reload"),
  @JsonSubTypes.Type(value = SwitchTo.class, name = "switchTo"),
  @JsonSubTypes.Type(value = DragAndDrop.class, name = "dragAndDrop"),
  @JsonSubTypes.Type(value = Upload.class, name = "upload"),
  @JsonSubTypes.Type(value = Dialogs.class, name = "dialogs")
})
public sealed interface Action permits Navigate, Wait, Pdf, Snapshot, ExecuteScript, Back, Forward, Reload, SwitchTo,
    Dialogs, ElementAction {

  /** The action's stable wire name. */
  String actionName();

  /** How long this action may take, or {@code null} for the engine's default. */
  Integer timeoutMs();
}
