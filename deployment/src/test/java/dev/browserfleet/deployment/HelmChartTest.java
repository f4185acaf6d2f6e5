package dev.browserfleet.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart under deploy/helm/browserfleet, linted and rendered by Helm itself (helm-java:
 * Helm's Go code as a native library, no cluster), every rendered object read back as its
 * Kubernetes API type. It cannot be installed here; this is what can be checked without a cluster.
 */
class HelmChartTest {

  private static final List<String> ENGINES = List.of("chromium", "firefox", "webkit");
  private static final String PREFIX = RenderedChart.RELEASE + "-browserfleet-";

  private static RenderedChart defaults;
  private static RenderedChart nonDefault;

  @BeforeAll
  static void render() throws Exception {
    defaults = RenderedChart.render(t -> t);
    Path values = Path.of(HelmChartTest.class.getResource("/helm/non-default-values.yaml").toURI());
    nonDefault = RenderedChart.render(t -> t.withValuesFile(values));
  }

  @Test
  void theChartPassesHelmLintInStrictMode() {
    var lint = new Helm(RenderedChart.CHART).lint().strict().call();
    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.startsWith("[ERROR]") || m.startsWith("[WARNING]"));
  }

  @Test
  void everyRenderedFieldIsOneItsKubernetesTypeDeclares() {
    assertThat(defaults.undeclaredFields()).isEmpty();
    assertThat(nonDefault.undeclaredFields()).isEmpty();
  }

  @Test
  void theDefaultsRenderEveryServiceWithOneWorkerDeploymentPerEngine() {
    assertThat(defaults.one(Deployment.class, PREFIX + "ingest-api").getSpec().getReplicas()).isEqualTo(2);
    assertThat(defaults.one(Service.class, PREFIX + "ingest-api").getSpec().getPorts())
        .singleElement().satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
    assertThat(defaults.all(Ingress.class)).isEmpty();
    assertThat(defaults.one(Deployment.class, PREFIX + "projector")).isNotNull();

    StatefulSet dispatcher = defaults.one(StatefulSet.class, PREFIX + "dispatcher");
    assertThat(dispatcher.getSpec().getVolumeClaimTemplates()).singleElement()
        .satisfies(pvc -> assertThat(pvc.getMetadata().getName()).isEqualTo("state"));
    assertThat(container(dispatcher.getSpec().getTemplate().getSpec()).getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getName() + ":" + m.getMountPath()).isEqualTo("state:/data"));
    assertThat(env(container(dispatcher.getSpec().getTemplate().getSpec()), "BF_INSTANCE_NAME")).isEqualTo("$(POD_NAME)");

    for (String engine : ENGINES) {
      Deployment worker = defaults.one(Deployment.class, PREFIX + "worker-" + engine);
      Container c = container(worker.getSpec().getTemplate().getSpec());
      assertThat(c.getImage()).isEqualTo("browserfleet/worker-" + engine + ":0.1.0");
      assertThat(env(c, "BF_SERVICES")).isEqualTo("worker");
      assertThat(env(c, "BF_WORKER_ENGINES")).isEqualTo(engine);
      // KEDA owns the replica count; a fixed one would fight it on every upgrade.
      assertThat(worker.getSpec().getReplicas()).isNull();
    }
    assertThat(defaults.all(HorizontalPodAutoscaler.class)).isEmpty();
  }

  @Test
  void eachProcessRunsOneServiceProbedOnItsActuatorHealthGroups() {
    Map<String, String> readiness = Map.of(
        "ingest-api", "readinessState,db,ingestKafkaHealth,ingestApiHealth",
        "dispatcher", "readinessState,dispatcherHealth",
        "projector", "readinessState,db,projector",
        "worker-chromium", "readinessState,browserWorkerHealth");
    readiness.forEach((component, group) -> {
      Container c = container(podSpec(defaults, component));
      assertThat(env(c, "BF_SERVICES")).isEqualTo(component.replace("-chromium", ""));
      assertThat(env(c, "MANAGEMENT_ENDPOINT_HEALTH_GROUP_READINESS_INCLUDE")).isEqualTo(group);
      assertProbe(c.getLivenessProbe(), "/actuator/health/liveness");
      assertProbe(c.getStartupProbe(), "/actuator/health/liveness");
      assertProbe(c.getReadinessProbe(), "/actuator/health/readiness");
      assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    });
    ConfigMap config = defaults.one(ConfigMap.class, PREFIX + "config");
    assertThat(config.getData()).containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true")
        .containsEntry("BF_ALLOW_PRIVATE_TARGETS", "false").containsEntry("BF_ARTIFACT_STORE", "s3");
  }

  @Test
  void theReadinessGroupsNameHealthContributorsTheServicesDefine() {
    // Spring refuses to start when a health group includes a contributor that does not exist.
    assertThat(DeploymentFiles.read("ingest-api/src/main/resources/browserfleet/ingest-api.properties"))
        .contains("management.endpoint.health.group.readiness.include=readinessState,db,ingestKafkaHealth,ingestApiHealth");
    assertThat(DeploymentFiles.read("dispatcher/src/main/java/dev/browserfleet/dispatcher/config/DispatcherConfiguration.java"))
        .contains("HealthIndicator dispatcherHealth(");
    assertThat(DeploymentFiles.read("browser-worker/src/main/java/dev/browserfleet/worker/config/BrowserWorkerConfiguration.java"))
        .contains("HealthIndicator browserWorkerHealth(");
    assertThat(DeploymentFiles.read("projector/src/main/java/dev/browserfleet/projector/health/ProjectorHealthIndicator.java"))
        .contains("public class ProjectorHealthIndicator implements HealthIndicator");
  }

  @Test
  void anEmptyBrokerDatabaseOrStoreIsRefusedRatherThanEmbeddedInEveryPod() {
    for (String value : List.of("kafka.bootstrapServers", "postgresql.url", "artifactStore.s3.endpoint")) {
      assertThatThrownBy(() -> RenderedChart.render(t -> t.set(value, "")))
          .as(value).hasMessageContaining(value + " is required");
    }
    assertThat(defaults.one(ConfigMap.class, PREFIX + "config").getData())
        .containsEntry("BF_S3_ENDPOINT", "https://s3.us-east-1.amazonaws.com");
  }

  @Test
  void everyPodRunsAsNonRootWithNoPrivilegesToGain() {
    for (String component : List.of("ingest-api", "dispatcher", "projector", "worker-chromium", "worker-firefox", "worker-webkit")) {
      PodSpec pod = podSpec(defaults, component);
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(component).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).as(component).isEqualTo(10001L);
      assertThat(pod.getAutomountServiceAccountToken()).as(component).isFalse();
      var container = container(pod).getSecurityContext();
      assertThat(container.getAllowPrivilegeEscalation()).as(component).isFalse();
      assertThat(container.getReadOnlyRootFilesystem()).as(component).isTrue();
      assertThat(container.getCapabilities().getDrop()).as(component).containsExactly("ALL");
    }
  }

  @Test
  void aStoppingWorkerMayFinishTheLongestJobAndItsShutdownGraceBeforeItIsKilled() {
    long longestJobSeconds = longestJobTimeoutMs() / 1000;
    long workerGraceSeconds = workerShutdownGraceDefaultSeconds();
    for (String engine : ENGINES) {
      PodSpec pod = podSpec(defaults, "worker-" + engine);
      Container c = container(pod);
      assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(longestJobSeconds + workerGraceSeconds);
      assertThat(c.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("/usr/local/bin/browserfleet-drain");
      // The worker itself must let running jobs go on that long, and stop before the kubelet kills it.
      long grace = Long.parseLong(env(c, "BF_WORKER_SHUTDOWN_GRACE").replace("s", ""));
      assertThat(grace).isEqualTo(longestJobSeconds + workerGraceSeconds);
      assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(grace + 15);
    }
    PodSpec shorter = podSpec(nonDefault, "worker-chromium");
    assertThat(shorter.getTerminationGracePeriodSeconds()).isEqualTo(120 + 30 + 30L);
  }

  @Test
  void theWorkerImageHasTheDrainHookAndAnInitThatPassesTheSignalOn() {
    String dockerfile = DeploymentFiles.read("Dockerfile");
    assertThat(dockerfile)
        .contains("COPY --chmod=0755 deploy/docker/browserfleet-entrypoint deploy/docker/browserfleet-drain /usr/local/bin/")
        .contains("ENTRYPOINT [\"/usr/bin/tini\", \"--\", \"/usr/local/bin/browserfleet-entrypoint\"]")
        .contains("USER 10001");
    assertThat(DeploymentFiles.root().resolve("deploy/docker/browserfleet-drain")).isExecutable();
    assertThat(DeploymentFiles.read("deploy/docker/browserfleet-drain")).contains("kill -TERM 1");
  }

  @Test
  void everyComponentHasADisruptionBudget() {
    assertThat(defaults.all(PodDisruptionBudget.class)).extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder(Stream.of("ingest-api", "dispatcher", "projector", "worker-chromium", "worker-firefox", "worker-webkit")
            .map(c -> PREFIX + c).toArray(String[]::new));
    for (PodDisruptionBudget pdb : defaults.all(PodDisruptionBudget.class)) {
      assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
      String component = pdb.getMetadata().getName().substring(PREFIX.length());
      assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", component);
    }
  }

  @Test
  void eachEngineScalesFromZeroOnItsLaneDepthWithKeda() {
    var scaledObjects = defaults.ofKind("ScaledObject");
    assertThat(scaledObjects).hasSize(3);
    for (String engine : ENGINES) {
      GenericKubernetesResource so = scaledObjects.stream()
          .filter(o -> o.getMetadata().getName().equals(PREFIX + "worker-" + engine)).findFirst().orElseThrow();
      assertThat(so.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
      assertThat(so.<String>get("spec", "scaleTargetRef", "name")).isEqualTo(PREFIX + "worker-" + engine);
      assertThat(so.<Integer>get("spec", "minReplicaCount")).isZero();
      Map<String, Object> trigger = so.<List<Map<String, Object>>>get("spec", "triggers").getFirst();
      assertThat(trigger).containsEntry("type", "prometheus");
      @SuppressWarnings("unchecked")
      var metadata = (Map<String, String>) trigger.get("metadata");
      assertThat(metadata.get("query"))
          .isEqualTo("sum(max by (lane) (browserfleet_queue_depth{lane=~\"" + engine + "/.*\"}))");
      assertThat(metadata).containsEntry("activationThreshold", "0")
          .containsEntry("threshold", engine.equals("chromium") ? "2" : "1");
    }
  }

  @Test
  void theScaledOnGaugeIsTheLaneDepthTheIngestApiPublishes() {
    String metrics = DeploymentFiles.read("ingest-api/src/main/java/dev/browserfleet/ingest/web/ApiMetrics.java");
    assertThat(metrics).contains("Gauge.builder(\"browserfleet.queue.depth\"")
        .contains("String lane = engine.wireName() + \"/\" + band.name();").contains(".tag(\"lane\", lane)");
  }

  @Test
  void withoutKedaAPlainHpaScalesTheWorkersAndOtherValuesTakeEffect() {
    assertThat(nonDefault.ofKind("ScaledObject")).isEmpty();
    assertThat(nonDefault.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getMetadata().getName())
        .containsExactlyInAnyOrder(PREFIX + "worker-chromium", PREFIX + "worker-webkit");
    HorizontalPodAutoscaler hpa = nonDefault.one(HorizontalPodAutoscaler.class, PREFIX + "worker-chromium");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType()).containsExactly("Resource", "External");
    assertThat(hpa.getSpec().getMetrics().get(1).getExternal().getTarget().getAverageValue().toString()).isEqualTo("4");
    assertThat(nonDefault.all(Deployment.class)).noneMatch(d -> d.getMetadata().getName().endsWith("worker-firefox"));

    Ingress ingress = nonDefault.one(Ingress.class, PREFIX + "ingest-api");
    assertThat(ingress.getSpec().getRules()).singleElement().satisfies(r -> {
      assertThat(r.getHost()).isEqualTo("fleet.example.org");
      assertThat(r.getHttp().getPaths()).singleElement().satisfies(p -> assertThat(p.getPath()).isEqualTo("/api"));
    });
    StatefulSet dispatcher = nonDefault.one(StatefulSet.class, PREFIX + "dispatcher");
    assertThat(dispatcher.getSpec().getReplicas()).isEqualTo(2);
    assertThat(dispatcher.getSpec().getVolumeClaimTemplates()).isEmpty();
    assertThat(dispatcher.getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(v -> assertThat(v.getName() + (v.getEmptyDir() != null)).isEqualTo("statetrue"));
    assertThat(container(podSpec(nonDefault, "ingest-api")).getImage()).isEqualTo("registry.example/bf:1.2.3");
    assertThat(nonDefault.all(Secret.class)).isEmpty();
    assertThat(container(podSpec(nonDefault, "projector")).getEnvFrom())
        .anySatisfy(e -> assertThat(e.getSecretRef()).isNotNull().extracting("name").isEqualTo("browserfleet-secrets"));
    assertThat(nonDefault.one(ConfigMap.class, PREFIX + "config").getData()).containsEntry("BF_QUEUE_TIMEOUT", "10m");
  }

  @Test
  void everyApiReplicaReadsTheOneAdminKeyFromItsSecretNeverFromTheConfigMap() {
    Container api = container(podSpec(defaults, "ingest-api"));
    assertThat(api.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("BF_ADMIN_KEY");
      assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(PREFIX + "admin-key");
    });
    assertThat(defaults.one(ConfigMap.class, PREFIX + "config").getData()).doesNotContainKeys(
        "BF_ADMIN_KEY", "BF_DB_PASSWORD", "BF_S3_ACCESS_KEY", "BF_S3_SECRET_KEY");
    assertThat(defaults.one(Secret.class, PREFIX + "secrets").getStringData())
        .containsOnlyKeys("BF_DB_PASSWORD", "BF_S3_ACCESS_KEY", "BF_S3_SECRET_KEY");
    // A generated key is a pre-install hook (made once, kept by upgrades); helm-java's template
    // leaves hooks out of what it returns, so the hook is checked in the template's source.
    assertThat(defaults.all(Secret.class)).noneMatch(s -> s.getMetadata().getName().endsWith("admin-key"));
    assertThat(DeploymentFiles.read("deploy/helm/browserfleet/templates/secret.yaml"))
        .contains("helm.sh/hook: pre-install").contains("helm.sh/resource-policy: keep")
        .contains("(printf \"bfa_%s\" (randAlphaNum 43))");
  }

  @Test
  void aGivenAdminKeyIsAnOrdinarySecretOfTheRelease() {
    var given = RenderedChart.render(t -> t.set("secrets.adminKey", "bfa_given"));
    Secret adminKey = given.one(Secret.class, PREFIX + "admin-key");
    assertThat(adminKey.getStringData()).containsExactly(Map.entry("BF_ADMIN_KEY", "bfa_given"));
    assertThat(adminKey.getMetadata().getAnnotations()).isNullOrEmpty();
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  private static PodSpec podSpec(RenderedChart chart, String component) {
    if (component.equals("dispatcher")) {
      return chart.one(StatefulSet.class, PREFIX + component).getSpec().getTemplate().getSpec();
    }
    return chart.one(Deployment.class, PREFIX + component).getSpec().getTemplate().getSpec();
  }

  private static Container container(PodSpec pod) {
    assertThat(pod.getContainers()).hasSize(1);
    return pod.getContainers().getFirst();
  }

  private static String env(Container c, String name) {
    return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " has no " + name));
  }

  /** The largest timeoutMs a job may ask for, from the public schema. */
  private static long longestJobTimeoutMs() {
    String schema = DeploymentFiles.read("contracts/src/main/resources/schemas/job-submit.schema.json");
    var m = Pattern.compile("\"timeoutMs\": \\{\\s*\"type\": \"integer\",\\s*\"minimum\": \\d+,\\s*\"maximum\": (\\d+)").matcher(schema);
    long max = 0;
    while (m.find()) {
      max = Math.max(max, Long.parseLong(m.group(1)));
    }
    assertThat(max).as("timeoutMs maxima in the schema").isPositive();
    return max;
  }

  private static long workerShutdownGraceDefaultSeconds() {
    String props = DeploymentFiles.read("browser-worker/src/main/resources/browserfleet/browser-worker.properties");
    var m = Pattern.compile("BF_WORKER_SHUTDOWN_GRACE:(\\d+)s}").matcher(props);
    assertThat(m.find()).as("the worker's shutdown-grace default").isTrue();
    return Long.parseLong(m.group(1));
  }
}
