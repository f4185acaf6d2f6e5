package dev.browserfleet.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where a Docker engine answers; elsewhere skips it with one log line that
 * says why. Without a socket or a DOCKER_HOST, Testcontainers is not even asked (its search for an
 * engine would log a page of errors before giving up).
 */
final class DockerEngine implements ExecutionCondition {

  private static final Logger log = LoggerFactory.getLogger(DockerEngine.class);
  private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> missing = whyNoEngine();
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("a Docker engine answers");
    }
    String reason = "no Docker engine here (" + missing.get() + "): "
        + context.getRequiredTestClass().getSimpleName() + " is skipped; it runs where one exists";
    log.info(reason);
    return ConditionEvaluationResult.disabled(reason);
  }

  private static Optional<String> whyNoEngine() {
    String dockerHost = System.getenv("DOCKER_HOST");
    boolean configured = (dockerHost != null && !dockerHost.isBlank()) || Files.exists(DEFAULT_SOCKET)
        || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    if (!configured) {
      return Optional.of("DOCKER_HOST is unset and " + DEFAULT_SOCKET + " does not exist");
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return Optional.of("Testcontainers found no engine that answers");
    }
    return Optional.empty();
  }
}
