package dev.browserfleet.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Every message has a golden JSON file. Decoding it gives the expected value and encoding that
 * value gives the file back, so any change to the wire format fails here first.
 */
class GoldenMessagesTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TestFactory
  Stream<DynamicTest> everyGoldenFileRoundTrips() {
    return Messages.all().entrySet().stream()
        .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
          byte[] golden = read(entry.getKey());
          Object expected = entry.getValue();

          Object decoded = JsonCodec.decode(golden, wireType(expected));
          assertThat(decoded).isEqualTo(expected);

          JsonNode reencoded = JsonCodec.readTree(JsonCodec.encode(decoded));
          assertThat(reencoded).isEqualTo(JsonCodec.readTree(golden));
        }));
  }

  @Test
  void everyGoldenFileHasAMessageAndEveryMessageAFile() throws IOException {
    try (var files = Files.list(GOLDEN)) {
      assertThat(files.map(p -> p.getFileName().toString().replace(".json", "")))
          .containsExactlyInAnyOrderElementsOf(Messages.all().keySet());
    }
  }

  @Test
  void typeNamesAreStableStringsNotJavaClassNames() {
    String json = JsonCodec.toJson(Messages.all().get("job.accepted"));
    assertThat(json).contains("\"type\":\"job.accepted\"").doesNotContain("JobAccepted").doesNotContain("dev.browserfleet");
  }

  /** Decode through the sealed interface, as a consumer of the topic does. */
  private static Class<?> wireType(Object value) {
    return switch (value) {
      case dev.browserfleet.contracts.command.JobCommand c -> dev.browserfleet.contracts.command.JobCommand.class;
      case dev.browserfleet.contracts.event.JobEvent e -> dev.browserfleet.contracts.event.JobEvent.class;
      case dev.browserfleet.contracts.event.AttemptReport r -> dev.browserfleet.contracts.event.AttemptReport.class;
      case dev.browserfleet.contracts.event.WorkerEvent w -> dev.browserfleet.contracts.event.WorkerEvent.class;
      case dev.browserfleet.contracts.webhook.WebhookDelivery d -> dev.browserfleet.contracts.webhook.WebhookDelivery.class;
      default -> value.getClass();
    };
  }

  private static byte[] read(String name) throws IOException {
    try (InputStream in = Files.newInputStream(GOLDEN.resolve(name + ".json"))) {
      return in.readAllBytes();
    }
  }
}
