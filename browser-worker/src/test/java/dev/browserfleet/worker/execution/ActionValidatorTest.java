package dev.browserfleet.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.action.Back;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Dialogs;
import dev.browserfleet.contracts.action.DragAndDrop;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Forward;
import dev.browserfleet.contracts.action.FramePath;
import dev.browserfleet.contracts.action.MoveCursor;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.contracts.action.Press;
import dev.browserfleet.contracts.action.Reload;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Scroll;
import dev.browserfleet.contracts.action.Select;
import dev.browserfleet.contracts.action.SwitchTo;
import dev.browserfleet.contracts.action.Upload;
import dev.browserfleet.contracts.action.WaitFor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionValidatorTest {

  @Test
  void aSelectNeedsExactlyOneWayToChoose() {
    assertThat(ActionValidator.problem(new Select("#s", null, null, null, null, "a", null, null))).isEmpty();
    assertThat(ActionValidator.problem(new Select("#s", null, null, null, null, null, null, null)))
        .contains("give exactly one of value, label and optionIndex");
    assertThat(ActionValidator.problem(new Select("#s", null, null, null, null, "a", "A", null))).isPresent();
  }

  @Test
  void pressWithoutATargetIsFineButAnUnknownKeyIsNot() {
    assertThat(ActionValidator.problem(new Press(null, null, null, null, null, "Enter"))).isEmpty();
    assertThat(ActionValidator.problem(new Press(null, null, null, null, null, "Hyper")))
        .hasValueSatisfying(p -> assertThat(p).contains("'Hyper'"));
  }

  @Test
  void elementActionsWithARequiredTargetNeedOne() {
    assertThat(ActionValidator.problem(new Click(null, null, null, null, null))).contains("target is required");
    assertThat(ActionValidator.problem(new Click("#b", null, null, null, null, "side", null, null)))
        .hasValueSatisfying(p -> assertThat(p).contains("left, right or middle"));
  }

  @Test
  void scrollAndWaitForTakeExactlyOneMode() {
    assertThat(ActionValidator.problem(new Scroll(null, null, null, null, null, 100, null, null))).isEmpty();
    assertThat(ActionValidator.problem(new Scroll("#x", null, null, null, null, 100, null, null))).isPresent();
    assertThat(ActionValidator.problem(new Scroll(null, null, null, null, null, null, null, null))).isPresent();
    assertThat(ActionValidator.problem(new WaitFor(null, null, null, null, null, null, "hi", null, null))).isEmpty();
    assertThat(ActionValidator.problem(new WaitFor(null, null, null, null, null, null, "hi", "/x", null))).isPresent();
    assertThat(ActionValidator.problem(new WaitFor("#x", null, null, null, null, "gone", null, null, null)))
        .hasValueSatisfying(p -> assertThat(p).contains("visible, hidden, attached or detached"));
  }

  @Test
  void moveCursorNeedsATargetOrAPoint() {
    assertThat(ActionValidator.problem(new MoveCursor(null, null, null, null, null, 10, 20, null))).isEmpty();
    assertThat(ActionValidator.problem(new MoveCursor(null, null, null, null, null, 10, null, null))).isPresent();
  }

  @Test
  void pdfAndScreenshotOptionsAreChecked() {
    assertThat(ActionValidator.problem(new Pdf("letter", null, null, null, null, null))).isEmpty();
    assertThat(ActionValidator.problem(new Pdf("B5", null, null, null, null, null))).isPresent();
    assertThat(ActionValidator.problem(new Pdf(null, null, null, null, 3.0, null))).contains("scale must be 0.1-2");
    assertThat(ActionValidator.problem(new Screenshot(true, null, null, null, "#x", null, null, null)))
        .contains("give either fullPage or a target, not both");
  }

  @Test
  void dialogsNeedAcceptAndTakeAPromptTextOnlyToAccept() {
    assertThat(ActionValidator.problem(new Dialogs(true, "Ada"))).isEmpty();
    assertThat(ActionValidator.problem(new Dialogs(false, null))).isEmpty();
    assertThat(ActionValidator.problem(new Dialogs(null, null))).contains("accept (true or false) is required");
    assertThat(ActionValidator.problem(new Dialogs(false, "Ada"))).contains("promptText applies only when accept is true");
  }

  @Test
  void backForwardAndReloadNeedNoMoreThanANonNegativeTimeout() {
    assertThat(ActionValidator.problem(new Back(null))).isEmpty();
    assertThat(ActionValidator.problem(new Forward(3000))).isEmpty();
    assertThat(ActionValidator.problem(new Reload(-1))).contains("timeoutMs must not be negative");
  }

  @Test
  void extractTakesLiveStatesAndAStyleButNoOtherProperty() {
    for (String property : List.of("text", "html", "value", "checked", "selected", "disabled", "style:color", "style:--accent")) {
      assertThat(ActionValidator.problem(new Extract("x", "#x", null, null, null, null, null, property, null)))
          .as(property).isEmpty();
    }
    assertThat(ActionValidator.problem(new Extract("x", "#x", null, null, null, null, null, "style:", null)))
        .hasValueSatisfying(p -> assertThat(p).contains("style:<css-property>"));
    assertThat(ActionValidator.problem(new Extract("x", "#x", null, null, null, null, null, "colour", null))).isPresent();
  }

  @Test
  void aFramePathMayNotHoldABlankSelector() {
    assertThat(ActionValidator.problem(new Click("#b", null, null, FramePath.of("#outer", "#inner"), null))).isEmpty();
    assertThat(ActionValidator.problem(new Click("#b", null, null, FramePath.of("#outer", " "), null)))
        .hasValueSatisfying(p -> assertThat(p).contains("frame must be"));
  }

  @Test
  void switchToNeedsExactlyOneOfIndexAndUrlContains() {
    assertThat(ActionValidator.problem(new SwitchTo(0, null, null))).isEmpty();
    assertThat(ActionValidator.problem(new SwitchTo(null, "report", null))).isEmpty();
    assertThat(ActionValidator.problem(new SwitchTo(1, "report", null))).contains("give exactly one of index and urlContains");
    assertThat(ActionValidator.problem(new SwitchTo(null, null, null))).contains("give exactly one of index and urlContains");
    assertThat(ActionValidator.problem(new SwitchTo(-1, null, null))).contains("index must not be negative");
  }

  @Test
  void dragAndDropNeedsATargetAndWhereToDrop() {
    assertThat(ActionValidator.problem(new DragAndDrop("#from", null, null, null, null, "#to"))).isEmpty();
    assertThat(ActionValidator.problem(new DragAndDrop("#from", null, null, null, null, " ")))
        .hasValueSatisfying(p -> assertThat(p).contains("to (a CSS selector of where to drop) is required"));
    assertThat(ActionValidator.problem(new DragAndDrop(null, null, null, null, null, "#to"))).contains("target is required");
  }

  @Test
  void anUploadNeedsNamedBase64FilesOfAtMostTheLimit() {
    var ok = new Upload.File("a.txt", "text/plain", "aGVsbG8=");
    assertThat(ActionValidator.problem(new Upload("#f", null, null, null, null, List.of(ok)))).isEmpty();
    assertThat(ActionValidator.problem(new Upload("#f", null, null, null, null, List.of())))
        .contains("files must hold 1-10 files");
    assertThat(ActionValidator.problem(new Upload("#f", null, null, null, null,
        List.of(new Upload.File("a.txt", null, "%%%"))))).contains("the base64 of a.txt is not base64");
    String big = java.util.Base64.getEncoder().encodeToString(new byte[Upload.MAX_FILE_BYTES + 1]);
    assertThat(ActionValidator.problem(new Upload("#f", null, null, null, null, List.of(new Upload.File("big.bin", null, big)))))
        .hasValueSatisfying(p -> assertThat(p).contains("big.bin has 524289 bytes, more than 524288"));
  }
}
