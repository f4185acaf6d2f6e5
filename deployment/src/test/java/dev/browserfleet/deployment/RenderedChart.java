package dev.browserfleet.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The chart under deploy/helm rendered by Helm ({@code helm template}, in this JVM) and every
 * document read back as its Kubernetes API type: a Deployment as fabric8's {@code Deployment}, and
 * so on. Kinds the models do not know (KEDA's ScaledObject) come back as
 * {@link GenericKubernetesResource}.
 */
record RenderedChart(String yaml, List<HasMetadata> objects) {

  static final String RELEASE = "bf";
  static final String KUBE_VERSION = "v1.31.0";
  static final Path CHART = DeploymentFiles.root().resolve("deploy/helm/browserfleet");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  static RenderedChart render(UnaryOperator<TemplateCommand> options) {
    String yaml = options.apply(new Helm(CHART).template().withName(RELEASE).withNamespace("fleet")
        // Helm's built-in default (1.20) is older than the chart's kubeVersion.
        .withKubeVersion(KUBE_VERSION)).call();
    var objects = new ArrayList<HasMetadata>();
    for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
      if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
        continue;
      }
      Object parsed = SERIALIZATION.unmarshal(document);
      assertThat(parsed).as("a rendered document\n%s", document).isInstanceOf(HasMetadata.class);
      objects.add((HasMetadata) parsed);
    }
    return new RenderedChart(yaml, List.copyOf(objects));
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    return all(type).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in\n" + yaml));
  }

  List<GenericKubernetesResource> ofKind(String kind) {
    return all(GenericKubernetesResource.class).stream().filter(o -> kind.equals(o.getKind())).toList();
  }

  /**
   * Every field of every typed object that its API type does not declare: fabric8's models keep
   * unknown fields (a misspelt or misplaced key, a string where a number belongs) aside in
   * {@code additionalProperties} instead of failing, so this is where such mistakes show.
   */
  List<String> undeclaredFields() {
    var found = new ArrayList<String>();
    var seen = java.util.Collections.newSetFromMap(new IdentityHashMap<Object, Boolean>());
    for (HasMetadata object : objects) {
      if (!(object instanceof GenericKubernetesResource)) {
        collectUndeclared(object, object.getKind() + "/" + object.getMetadata().getName(), found, seen);
      }
    }
    return found;
  }

  private static void collectUndeclared(Object value, String path, List<String> found, Set<Object> seen) {
    if (value == null || !seen.add(value)) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUndeclared(item, path + "[" + i++ + "]", found, seen);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectUndeclared(v, path + "." + k, found, seen));
      return;
    }
    if (!(value instanceof KubernetesResource) || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
        continue;
      }
      try {
        Object field = getter.invoke(value);
        if (getter.getName().equals("getAdditionalProperties")) {
          if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
            found.add(path + ": " + extra.keySet());
          }
        } else {
          collectUndeclared(field, path + "." + getter.getName().substring(3), found, seen);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("could not read " + getter, e);
      }
    }
  }
}
