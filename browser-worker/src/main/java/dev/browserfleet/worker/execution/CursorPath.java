package dev.browserfleet.worker.execution;

import dev.browserfleet.worker.engine.BrowserSession.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A human-like mouse path: a cubic Bézier curve whose control points stray to one side of the
 * straight line, walked with ease-in-out timing (slow start, fast middle, slow arrival).
 */
final class CursorPath {

  /** About one point per 16 ms, as often as a screen refreshes, and at least a few. */
  static int stepsFor(int durationMs) {
    return Math.max(5, durationMs / 16);
  }

  private CursorPath() {}

  /** The points after {@code from}, ending exactly at {@code to}. */
  static List<Point> between(Point from, Point to, int steps, RandomGenerator random) {
    double dx = to.x() - from.x();
    double dy = to.y() - from.y();
    double length = Math.hypot(dx, dy);
    // A unit normal of the line, and how far the curve bows from it: up to a fifth of the way.
    double nx = length == 0 ? 0 : -dy / length;
    double ny = length == 0 ? 0 : dx / length;
    double bow = length * (0.05 + 0.15 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
    double c1x = from.x() + dx * 0.3 + nx * bow;
    double c1y = from.y() + dy * 0.3 + ny * bow;
    double c2x = from.x() + dx * 0.7 + nx * bow * 0.6;
    double c2y = from.y() + dy * 0.7 + ny * bow * 0.6;
    var points = new ArrayList<Point>(steps);
    for (int i = 1; i <= steps; i++) {
      double t = ease((double) i / steps);
      double u = 1 - t;
      double x = u * u * u * from.x() + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * to.x();
      double y = u * u * u * from.y() + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * to.y();
      points.add(i == steps ? to : new Point((int) Math.round(x), (int) Math.round(y)));
    }
    return points;
  }

  private static double ease(double t) {
    return t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
  }
}
