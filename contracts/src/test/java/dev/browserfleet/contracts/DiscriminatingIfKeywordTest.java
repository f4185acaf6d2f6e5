package dev.browserfleet.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link JobSubmitSchema}'s own keywords ({@link DiscriminatingIfKeyword}, {@link LazyConstKeyword})
 * report what the library's Draft 2020-12 reports, field for field and message for message, over
 * valid submissions with every action and thousands of seeded mutations of them.
 */
class DiscriminatingIfKeywordTest {

  private static final SchemaRegistry LIBRARY =
      SchemaRegistry.withDefaultDialect(
          Dialects.getDraft202012(),
          builder -> builder.schemaIdResolvers(
              resolvers -> resolvers.mapPrefix("https://browserfleet.dev/schemas/", "classpath:schemas/")));
  private static final Schema LIBRARY_REQUEST =
      LIBRARY.getSchema(SchemaLocation.of(JobSubmitSchema.ID + "#/$defs/jobRequest"));
  private static final Schema LIBRARY_COMMAND = LIBRARY.getSchema(SchemaLocation.of(JobSubmitSchema.ID));

  // One of every action, with most of its fields; valid as they stand.
  private static final String ACTIONS = """
      [{"action":"navigate","url":"https://example.com/a","waitUntil":"networkidle","timeoutMs":5000},
       {"action":"visit","url":"https://example.com/b"},
       {"action":"click","target":"#go","button":"left","clickCount":2,"waitForNavigation":true},
       {"action":"fill","target":"Email","getTargetBy":"getByLabel","value":"a@b.c"},
       {"action":"type","target":"input","value":"abc","delayMs":20,"index":1},
       {"action":"clear","target":"input","frame":"iframe#f"},
       {"action":"select","target":"select","label":"Two"},
       {"action":"check","target":"#agree"},
       {"action":"uncheck","target":"#agree"},
       {"action":"hover","target":"Menu","getTargetBy":"getByText"},
       {"action":"press","key":"Enter"},
       {"action":"scroll","toBottom":true},
       {"action":"moveCursor","x":10,"y":20,"durationMs":300},
       {"action":"waitFor","target":"#late","state":"visible"},
       {"action":"wait","ms":10},
       {"action":"screenshot","fullPage":true,"type":"jpeg","quality":80},
       {"action":"pdf","format":"A4","landscape":true,"scale":1.5},
       {"action":"extract","name":"links","target":"a","attribute":"href","all":true},
       {"action":"snapshot","cookies":true},
       {"action":"executeScript","script":"return 1","name":"one"}]
      """;

  private static final ObjectNode REQUEST = (ObjectNode) JsonCodec.readTree(("""
      {"browserTypeId":1,"targetUrl":"https://example.com/","priority":50,"timeoutMs":30000,"maxRetries":3,
       "waitUntil":"load","browserStorage":{"cookies":[{"name":"s","value":"v","httpOnly":true}],
       "localStorage":{"k":"v"}},"actions":""" + ACTIONS + "}").getBytes());

  private static final JsonNode[] ODD_VALUES = {
    JsonNodeFactory.instance.nullNode(),
    JsonNodeFactory.instance.numberNode(-1),
    JsonNodeFactory.instance.numberNode(1.5),
    JsonNodeFactory.instance.stringNode(""),
    JsonNodeFactory.instance.stringNode("click"),
    JsonNodeFactory.instance.stringNode("navigate"),
    JsonNodeFactory.instance.stringNode("nope"),
    JsonNodeFactory.instance.booleanNode(true),
    JsonNodeFactory.instance.arrayNode(),
    JsonNodeFactory.instance.objectNode(),
    JsonNodeFactory.instance.objectNode().put("action", "wait"),
  };

  @Test
  void theSchemasKeywordsReportWhatTheLibrarysDo() {
    var random = new Random(20261206);
    int valid = 0;
    int invalid = 0;
    for (int i = 0; i < 3000; i++) {
      ObjectNode request = REQUEST.deepCopy();
      int mutations = i == 0 ? 0 : 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        mutate(request, random);
      }
      List<FieldError> ours = JobSubmitSchema.validateRequest(request);
      assertThat(ours).as("request %s", request).isEqualTo(JobSubmitSchema.fieldErrors(LIBRARY_REQUEST.validate(request)));

      ObjectNode command = request.deepCopy();
      command.put("type", "job.submit").put("jobId", "0b8e9c1e-4f6a-4d1e-9a57-3c2f1d0e8b7a");
      assertThat(JobSubmitSchema.validateCommand(command))
          .as("command %s", command)
          .isEqualTo(JobSubmitSchema.fieldErrors(LIBRARY_COMMAND.validate(command)));
      if (ours.isEmpty()) {
        valid++;
      } else {
        invalid++;
      }
    }
    // Not a vacuous comparison: both sides of the schema were exercised.
    assertThat(valid).as("valid requests compared").isGreaterThan(100);
    assertThat(invalid).as("invalid requests compared").isGreaterThan(1000);
  }

  // One change somewhere in the request: most often to an action, since that is where the ifs are.
  private static void mutate(ObjectNode request, Random random) {
    JsonNode actions = request.get("actions");
    if (actions instanceof ArrayNode list && !list.isEmpty() && random.nextInt(4) > 0) {
      int index = random.nextInt(list.size());
      if (list.get(index) instanceof ObjectNode action && random.nextInt(8) > 0) {
        mutateObject(action, random);
      } else {
        list.set(index, ODD_VALUES[random.nextInt(ODD_VALUES.length)].deepCopy());
      }
      return;
    }
    mutateObject(request, random);
  }

  private static void mutateObject(ObjectNode node, Random random) {
    var names = new ArrayList<String>(node.propertyNames());
    switch (random.nextInt(4)) {
      case 0 -> {
        if (!names.isEmpty()) {
          node.remove(names.get(random.nextInt(names.size())));
        }
      }
      case 1 -> node.set("unknown" + random.nextInt(3), ODD_VALUES[random.nextInt(ODD_VALUES.length)].deepCopy());
      case 2 -> node.put("action", List.of("click", "fill", "wait", "navigate", "visit", "pdf", "bogus", "Click")
          .get(random.nextInt(8)));
      default -> {
        if (!names.isEmpty()) {
          node.set(names.get(random.nextInt(names.size())), ODD_VALUES[random.nextInt(ODD_VALUES.length)].deepCopy());
        }
      }
    }
  }
}
