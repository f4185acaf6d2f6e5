package dev.browserfleet.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Validates submissions against {@code schemas/job-submit.schema.json}, the public contract for
 * clients that produce straight to Kafka; the REST body is its {@code $defs/jobRequest}. Errors
 * name the field at fault.
 */
public final class JobSubmitSchema {

  public static final String ID = "https://browserfleet.dev/schemas/job-submit.schema.json";
  public static final String RESOURCE = "schemas/job-submit.schema.json";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          // Draft 2020-12 as the library defines it, with a cheaper const and a cheaper choice of an
          // action's rules (same errors; DiscriminatingIfKeywordTest compares them).
          Dialect.builder(Dialects.getDraft202012())
              .keyword(new LazyConstKeyword())
              .keyword(new DiscriminatingIfKeyword())
              .build(),
          builder ->
              builder.schemaIdResolvers(
                  resolvers ->
                      resolvers.mapPrefix("https://browserfleet.dev/schemas/", "classpath:schemas/")));

  private static final Schema COMMAND = REGISTRY.getSchema(SchemaLocation.of(ID));
  private static final Schema REQUEST = REGISTRY.getSchema(SchemaLocation.of(ID + "#/$defs/jobRequest"));

  private JobSubmitSchema() {}

  /** Errors of a {@code job.submit} command as produced to Kafka; empty when it is valid. */
  public static List<FieldError> validateCommand(JsonNode command) {
    return fieldErrors(COMMAND.validate(command));
  }

  /** Errors of a {@code POST /api/v1/jobs} body; empty when it is valid. */
  public static List<FieldError> validateRequest(JsonNode body) {
    return fieldErrors(REQUEST.validate(body));
  }

  // Package-private: DiscriminatingIfKeywordTest maps the plain library's errors the same way.
  static List<FieldError> fieldErrors(List<Error> errors) {
    return errors.stream()
        .map(JobSubmitSchema::toFieldError)
        .distinct()
        .sorted(Comparator.comparing(FieldError::field))
        .toList();
  }

  private static FieldError toFieldError(Error error) {
    String location = pathOf(error.getInstanceLocation().toString());
    String property = error.getProperty();
    boolean namesChild =
        property != null
            && ("required".equals(error.getKeyword())
                || "additionalProperties".equals(error.getKeyword()));
    String field = namesChild ? join(location, property) : location;
    String message =
        switch (error.getKeyword()) {
          case "required" -> "is required";
          case "additionalProperties" -> "is not a known field";
          case "enum" -> "must be one of " + error.getSchemaNode().toString() + ", not " + error.getInstanceNode();
          case "const" -> "must be " + error.getSchemaNode().toString();
          default -> error.getMessage();
        };
    return new FieldError(field, message);
  }

  // JSON Pointer to a readable path: "/actions/0/url" -> "actions[0].url", "" -> ""
  static String pathOf(String pointer) {
    var path = new StringBuilder();
    for (String segment : pointer.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit)) {
        path.append('[').append(name).append(']');
      } else {
        path.append(path.isEmpty() ? "" : ".").append(name);
      }
    }
    return path.toString();
  }

  private static String join(String parent, String child) {
    return parent.isEmpty() ? child : parent + "." + child;
  }
}
