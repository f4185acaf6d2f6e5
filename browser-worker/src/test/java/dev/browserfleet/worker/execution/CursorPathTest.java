package dev.browserfleet.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.worker.engine.BrowserSession.Point;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CursorPathTest {

  private static final Point FROM = new Point(0, 0);
  private static final Point TO = new Point(400, 200);

  @Test
  void thePathHasTheStepsAskedForAndEndsExactlyAtTheTarget() {
    var path = CursorPath.between(FROM, TO, 25, new SplittableRandom(1));

    assertThat(path).hasSize(25);
    assertThat(path.getLast()).isEqualTo(TO);
  }

  @Test
  void thePathBowsAwayFromTheStraightLine() {
    var path = CursorPath.between(FROM, TO, 25, new SplittableRandom(7));

    double maxOff = path.stream()
        .mapToDouble(p -> Math.abs(TO.x() * (double) p.y() - TO.y() * (double) p.x()) / Math.hypot(TO.x(), TO.y()))
        .max().orElseThrow();
    assertThat(maxOff).isGreaterThan(5);
  }

  @Test
  void itStartsSlowlyAndSpeedsUp() {
    var path = CursorPath.between(FROM, TO, 20, new SplittableRandom(3));

    double firstStep = Math.hypot(path.get(0).x(), path.get(0).y());
    double middleStep = Math.hypot(path.get(10).x() - path.get(9).x(), path.get(10).y() - path.get(9).y());
    assertThat(middleStep).isGreaterThan(firstStep);
  }

  @Test
  void aRefreshRateOfStepsWithAFloor() {
    assertThat(CursorPath.stepsFor(400)).isEqualTo(25);
    assertThat(CursorPath.stepsFor(0)).isEqualTo(5);
  }
}
