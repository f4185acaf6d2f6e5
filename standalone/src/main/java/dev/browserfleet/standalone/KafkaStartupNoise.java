package dev.browserfleet.standalone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops what the embedded Kafka broker and clients log above INFO on every ordinary start, so that
 * a healthy launcher's console shows no WARN or ERROR. Each case is one exact message of Kafka's
 * own; anything else from the same loggers is shown as before.
 *
 * <ul>
 *   <li>The combined broker registers its controller before that controller has activated: the
 *       request fails with {@code NotControllerException}, which Kafka logs at ERROR, and is
 *       retried until it succeeds. A fast start (the start-up cache) hits it on every restart.
 *   <li>The controller logs its own activation ("Performing controller activation") at WARN.
 *   <li>The dispatcher's global consumer logs at WARN that it does not update the offsets of a
 *       partition it no longer fetches, a race of Kafka Streams' global thread at start-up.
 * </ul>
 */
public final class KafkaStartupNoise extends TurboFilter {

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format == null || level == null || !level.isGreaterOrEqual(Level.WARN)) {
      return FilterReply.NEUTRAL;
    }
    return isNoise(logger.getName(), format, t != null ? t : lastThrowable(params))
        ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  static boolean isNoise(String logger, String format, Throwable t) {
    return switch (logger) {
      case "kafka.server.ControllerApis" ->
          format.startsWith("[ControllerApis nodeId=") && format.contains("Unexpected error handling request")
              && causedBy(t, "org.apache.kafka.common.errors.NotControllerException");
      case "org.apache.kafka.controller.QuorumController" -> format.contains("Performing controller activation");
      case "org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils" ->
          format.contains("Not updating last stable offset for partition") && format.endsWith("as it is no longer assigned");
      default -> false;
    };
  }

  private static Throwable lastThrowable(Object[] params) {
    return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable t ? t : null;
  }

  private static boolean causedBy(Throwable t, String className) {
    for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause.getClass().getName().equals(className)) {
        return true;
      }
    }
    return false;
  }
}
