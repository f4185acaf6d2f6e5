package dev.browserfleet.contracts;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.BaseKeywordValidator;
import com.networknt.schema.keyword.ConstValidator;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordType;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The {@code const} keyword as the library's own validator checks it, with the same error, except
 * that the two texts of its message are not made up front: the schema's once, when the schema is
 * loaded, and the instance's only if the message is read. {@code job-submit.schema.json} picks an
 * action's rules with twenty {@code if: {action: {const: ...}}}, so nineteen of them fail for every
 * action of every submission, and the library rendered both values as JSON for each of those
 * errors, which the {@code if} then throws away: about a sixth of a submission's CPU time.
 */
final class LazyConstKeyword implements Keyword {

  @Override
  public String getValue() {
    return KeywordType.CONST.getValue();
  }

  @Override
  public KeywordValidator newValidator(
      SchemaLocation location, JsonNode schemaNode, Schema parentSchema, SchemaContext context) {
    return new Validator(location, schemaNode, parentSchema, context);
  }

  private static final class Validator extends BaseKeywordValidator {

    private final String expected;
    private final ConstValidator library;

    Validator(SchemaLocation location, JsonNode schemaNode, Schema parentSchema, SchemaContext context) {
      super(KeywordType.CONST, schemaNode, location, parentSchema, context);
      this.expected = text(schemaNode);
      this.library = new ConstValidator(location, schemaNode, parentSchema, context);
    }

    @Override
    public void validate(ExecutionContext context, JsonNode node, JsonNode rootNode, NodePath instanceLocation) {
      // Two strings are the same exactly when their texts are; anything else is the library's to judge.
      if (!schemaNode.isString() || !node.isString()) {
        library.validate(context, node, rootNode, instanceLocation);
        return;
      }
      if (schemaNode.stringValue().equals(node.stringValue())) {
        return;
      }
      context.addError(
          error()
              .instanceNode(node)
              .instanceLocation(instanceLocation)
              .evaluationPath(context.getEvaluationPath())
              .locale(context.getExecutionConfig().getLocale())
              .arguments(expected, new Text(node))
              .build());
    }

    // What ConstValidator passes to the message: the text of a string node, else the node as JSON.
    static String text(JsonNode node) {
      return node.asString(node.toString());
    }
  }

  /** A message argument whose text is rendered when (if ever) the message is. */
  private record Text(JsonNode node) {
    @Override
    public String toString() {
      return Validator.text(node);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Text text && Objects.equals(node, text.node);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(node);
    }
  }
}
