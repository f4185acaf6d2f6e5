package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.ingest.job.FieldPaths;
import java.util.List;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads request bodies strictly: what a client may send is the API's contract, so unknown fields
 * and values of the wrong type are errors that name the field, never silently dropped or coerced.
 */
final class JsonBodies {

  private static final JsonMapper STRICT =
      JsonCodec.mapper()
          .rebuild()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // Numbers and booleans are not text: {"name": 1e999} is a mistake, not a name.
          .withCoercionConfig(
              LogicalType.Textual,
              config ->
                  config
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private static final String MALFORMED = "The request body is not valid JSON: ";

  private JsonBodies() {}

  static JsonNode tree(byte[] body) {
    try {
      return JsonCodec.readTree(body);
    } catch (MalformedMessageException e) {
      throw new ApiProblem.MalformedJson(MALFORMED + e.getMessage());
    }
  }

  static <T> T read(byte[] body, Class<T> type) {
    T value;
    try {
      value = STRICT.readValue(body, type);
    } catch (StreamReadException e) {
      throw new ApiProblem.MalformedJson(MALFORMED + e.getOriginalMessage());
    } catch (UnrecognizedPropertyException e) {
      throw invalid(new FieldError(FieldPaths.of(e), "is not a known field"));
    } catch (DatabindException e) {
      throw invalid(new FieldError(FieldPaths.of(e), "has a value of the wrong type or out of range"));
    }
    if (value == null) {
      throw invalid(new FieldError("", "must be a JSON object"));
    }
    return value;
  }

  private static ApiProblem.Invalid invalid(FieldError error) {
    return new ApiProblem.Invalid("The request has invalid fields: fix those named in errors.", List.of(error));
  }
}
