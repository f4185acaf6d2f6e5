package dev.browserfleet.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docker-compose.yml read as data, with no Docker engine: what the stack is made of and that no
 * disk is shared. (`docker-compose config -q` in bin/browserfleet test checks the schema;
 * ComposeStackTest runs the stack where an engine exists.)
 */
class ComposeFileTest {

  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() {
    var compose = (Map<String, Object>) mergeKeys(new Load(LoadSettings.builder().build())
        .loadFromString(DeploymentFiles.read("docker-compose.yml")));
    services = (Map<String, Map<String, Object>>) compose.get("services");
  }

  @Test
  void theStackHasEveryPartAUserNeeds() {
    assertThat(services).containsOnlyKeys("kafka", "postgres", "minio", "minio-bucket", "projector", "dispatcher",
        "ingest-api", "worker-chromium", "worker-firefox", "worker-webkit", "prometheus", "grafana");
    for (String service : List.of("ingest-api", "dispatcher", "projector")) {
      assertThat(env(service)).containsEntry("BF_SERVICES", service);
      assertThat(build(service)).containsEntry("target", "service");
    }
    for (String engine : List.of("chromium", "firefox", "webkit")) {
      String worker = "worker-" + engine;
      assertThat(env(worker)).containsEntry("BF_SERVICES", "worker").containsEntry("BF_WORKER_ENGINES", engine);
      assertThat(build(worker)).containsEntry("target", "worker").containsEntry("args", Map.of("ENGINE", engine));
    }
  }

  @Test
  void artifactsGoToMinioAndNoVolumeIsSharedBetweenServices() {
    var users = new TreeMap<String, List<String>>();
    services.forEach((name, service) -> {
      @SuppressWarnings("unchecked")
      var volumes = (List<String>) service.getOrDefault("volumes", List.of());
      for (String volume : volumes) {
        String source = volume.split(":")[0];
        if (!source.startsWith("./")) {
          users.computeIfAbsent(source, v -> new ArrayList<>()).add(name);
        }
      }
    });
    assertThat(users).allSatisfy((volume, by) -> assertThat(by).as(volume).hasSize(1));
    assertThat(users).doesNotContainKey("artifacts");
    for (String service : List.of("ingest-api", "dispatcher", "projector", "worker-chromium", "worker-firefox", "worker-webkit")) {
      assertThat(env(service)).as(service).containsEntry("BF_ARTIFACT_STORE", "s3")
          .containsEntry("BF_S3_ENDPOINT", "http://minio:9000").containsEntry("BF_S3_PATH_STYLE", "true")
          .doesNotContainKey("BF_ARTIFACT_DIR");
    }
  }

  @Test
  void prometheusScrapesEveryServiceAndGrafanaGetsTheProjectsProvisioning() {
    String prometheus = DeploymentFiles.read("deploy/prometheus/prometheus.yml");
    assertThat(prometheus).contains("metrics_path: /actuator/prometheus");
    for (String service : List.of("ingest-api", "dispatcher", "projector", "worker-chromium", "worker-firefox", "worker-webkit")) {
      assertThat(prometheus).contains("\"" + service + ":8080\"");
    }
    assertThat(services.get("prometheus").get("volumes").toString()).contains("./deploy/prometheus/prometheus.yml:");
    // Where the provisioning files look for the dashboards, and every variable their data sources read.
    String provider = DeploymentFiles.read("deploy/grafana/provisioning/dashboards/browserfleet.yaml");
    var path = java.util.regex.Pattern.compile("path: (\\S+)").matcher(provider);
    assertThat(path.find()).as("the dashboard provider's path").isTrue();
    assertThat(services.get("grafana").get("volumes").toString())
        .contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro")
        .contains("./deploy/grafana/dashboards:" + path.group(1) + ":ro");
    var variables = java.util.regex.Pattern.compile("\\$\\{(BF_\\w+)}")
        .matcher(DeploymentFiles.read("deploy/grafana/provisioning/datasources/browserfleet.yaml"));
    var read = new ArrayList<String>();
    while (variables.find()) {
      read.add(variables.group(1));
    }
    assertThat(read).contains("BF_GRAFANA_DB_HOST", "BF_GRAFANA_PROMETHEUS_URL");
    assertThat(env("grafana")).containsKeys(read.toArray(String[]::new));
  }

  @Test
  void aStoppingWorkerIsGivenTimeForItsLongestJob() {
    for (String engine : List.of("chromium", "firefox", "webkit")) {
      Map<String, Object> worker = services.get("worker-" + engine);
      assertThat(worker).containsEntry("stop_grace_period", "11m").containsEntry("shm_size", "1gb");
      // 600 s (the schema's largest timeoutMs) + 20 s (the worker's default shutdown grace) < 11 min.
      assertThat(env("worker-" + engine)).containsEntry("BF_WORKER_SHUTDOWN_GRACE", "620s");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> env(String service) {
    return (Map<String, Object>) services.get(service).get("environment");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> build(String service) {
    return (Map<String, Object>) services.get(service).get("build");
  }

  /** Resolves YAML merge keys ({@code <<: *anchor}), which compose uses and YAML 1.2 parsers leave as they are. */
  @SuppressWarnings("unchecked")
  private static Object mergeKeys(Object node) {
    if (node instanceof Map<?, ?> map) {
      var merged = new LinkedHashMap<String, Object>();
      Object base = map.get("<<");
      map.forEach((k, v) -> {
        if (!"<<".equals(k)) {
          merged.put((String) k, mergeKeys(v));
        }
      });
      if (base != null) {
        for (Object b : base instanceof List<?> list ? list : List.of(base)) {
          ((Map<String, Object>) mergeKeys(b)).forEach(merged::putIfAbsent);
        }
      }
      return merged;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(ComposeFileTest::mergeKeys).toList();
    }
    return node;
  }
}
