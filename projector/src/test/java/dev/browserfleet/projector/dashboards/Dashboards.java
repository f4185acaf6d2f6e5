package dev.browserfleet.projector.dashboards;

import dev.browserfleet.contracts.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The Grafana dashboards as shipped under {@code deploy/grafana/dashboards}, read from the files. */
final class Dashboards {

  /** One query of one panel: its SQL (or PromQL) as written in the dashboard JSON. */
  record Query(String dashboard, String panel, String refId, String datasourceType, String format, String text) {

    String name() {
      return dashboard + " / " + panel + " / " + refId;
    }
  }

  static final Path DIRECTORY = locate();

  private Dashboards() {}

  private static Path locate() {
    // Surefire runs in the module's directory; an IDE may run in the repository's.
    for (Path candidate : List.of(Path.of("..", "deploy", "grafana", "dashboards"), Path.of("deploy", "grafana", "dashboards"))) {
      if (Files.isDirectory(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("deploy/grafana/dashboards not found from " + Path.of("").toAbsolutePath());
  }

  static List<Path> files() {
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path file) {
    try {
      return JsonCodec.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every query of every panel of every dashboard whose data source has {@code datasourceType}. */
  static List<Query> queries(String datasourceType) {
    var queries = new ArrayList<Query>();
    for (Path file : files()) {
      JsonNode dashboard = read(file);
      for (JsonNode panel : dashboard.path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          JsonNode source = target.path("datasource").isObject() ? target.path("datasource") : panel.path("datasource");
          String type = source.path("type").asString();
          if (!type.equals(datasourceType)) {
            continue;
          }
          String text = target.has("rawSql") ? target.path("rawSql").asString() : target.path("expr").asString();
          queries.add(new Query(dashboard.path("title").asString(), panel.path("title").asString(), target.path("refId").asString(),
              type, target.path("format").asString(""), text));
        }
      }
    }
    return queries;
  }
}
