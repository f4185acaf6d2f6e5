package dev.browserfleet.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.event.ActionResult;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResultBuilderTest {

  private final ResultBuilder builder = new ResultBuilder(List.of(
      new Screenshot(null, null, null, null), new Click("#go", null, null, null, null), new Wait(10)));

  @Test
  void aCompleteRunHasOneResultPerActionAndNoFailedIndex() {
    UUID artifact = UUID.randomUUID();
    builder.begin(0);
    builder.succeeded(0, 12, artifact);
    builder.begin(1);
    builder.succeeded(1, 3, null);
    builder.begin(2);
    builder.succeeded(2, 10, null);
    builder.putData("title", "Hello");
    builder.page("http://example.test/", "Example");

    var result = builder.build();

    assertThat(result.actions()).containsExactly(
        new ActionResult(0, "screenshot", true, 12, artifact, null),
        new ActionResult(1, "click", true, 3, null, null),
        new ActionResult(2, "wait", true, 10, null, null));
    assertThat(result.failedActionIndex()).isNull();
    assertThat(result.data()).containsEntry("title", "Hello");
    assertThat(result.finalUrl()).isEqualTo("http://example.test/");
    assertThat(result.title()).isEqualTo("Example");
  }

  @Test
  void aFailureKeepsWhatRanBeforeItAndNamesTheFailingAction() {
    builder.begin(0);
    builder.succeeded(0, 12, null);
    builder.begin(1);
    builder.failed(1, 5000, "no element matches getBySelector '#go'");

    var result = builder.build();

    assertThat(result.failedActionIndex()).isEqualTo(1);
    assertThat(result.actions()).hasSize(2);
    assertThat(result.actions().get(1))
        .isEqualTo(new ActionResult(1, "click", false, 5000, null, "no element matches getBySelector '#go'"));
  }

  @Test
  void aTimeoutFailsTheActionInProgress() {
    builder.begin(0);
    builder.succeeded(0, 12, null);
    builder.begin(2);

    var result = builder.timedOut("timed out after 100 ms");

    assertThat(result.failedActionIndex()).isEqualTo(2);
    assertThat(result.actions().get(1).action()).isEqualTo("wait");
    assertThat(result.actions().get(1).success()).isFalse();
    assertThat(result.actions().get(1).error()).isEqualTo("timed out after 100 ms");
  }

  @Test
  void aTimeoutBetweenActionsFailsNone() {
    var result = builder.timedOut("timed out after 100 ms");

    assertThat(result.failedActionIndex()).isNull();
    assertThat(result.actions()).isEmpty();
  }

  @Test
  void theResultIsASnapshotThatLaterStepsDoNotChange() {
    builder.putData("a", "1");
    var before = builder.build();
    builder.putData("b", "2");

    assertThat(before.data()).containsOnlyKeys("a");
  }
}
