package dev.browserfleet.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of every message on every topic. Readers are tolerant (unknown properties
 * are ignored, so that producers can add fields); strictness for client input is the JSON
 * Schema's job. Absent values are left out, instants are ISO-8601 strings.
 */
public final class JsonCodec {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .changeDefaultPropertyInclusion(
              incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();

  private JsonCodec() {}

  /** The shared, immutable mapper, for adapters that need one (web, JDBC JSONB). */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static byte[] encode(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  public static String toJson(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** Reads {@code bytes} as a {@code type}; throws {@link MalformedMessageException} saying why not. */
  public static <T> T decode(byte[] bytes, Class<T> type) {
    if (bytes == null) {
      throw new MalformedMessageException("no value (a tombstone or a null record)", null);
    }
    try {
      return MAPPER.readValue(bytes, type);
    } catch (JacksonException e) {
      throw new MalformedMessageException(
          "not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  public static <T> T decode(String json, Class<T> type) {
    return decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
  }

  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JacksonException e) {
      throw new MalformedMessageException(
          "not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Parses {@code bytes} as any JSON value; throws {@link MalformedMessageException} if not JSON. */
  public static JsonNode readTree(byte[] bytes) {
    if (bytes == null) {
      throw new MalformedMessageException("no value (a tombstone or a null record)", null);
    }
    try {
      return MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw new MalformedMessageException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }
}
