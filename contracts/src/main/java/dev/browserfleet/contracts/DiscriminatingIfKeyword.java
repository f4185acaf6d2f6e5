package dev.browserfleet.contracts;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.BaseKeywordValidator;
import com.networknt.schema.keyword.IfValidator;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordType;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The {@code if}/{@code then}/{@code else} keywords as the library's own validator checks them,
 * decided without running the {@code if} schema when it has the shape {@code job-submit.schema.json}
 * uses to pick an action's rules:
 * <pre>{"if": {"properties": {"action": {"const": "click"}}, "required": ["action"]}, "then": ...}</pre>
 * with a string {@code const} or an {@code enum} of strings. Such an {@code if} holds exactly when
 * the instance is not an object (both keywords ignore anything else), or has that property with
 * one of those strings. Run as a schema, it made an error for nineteen of the twenty branches of
 * every action of every submission, only to throw them away. Any other {@code if} goes to the
 * library's validator.
 */
final class DiscriminatingIfKeyword implements Keyword {

  @Override
  public String getValue() {
    return KeywordType.IF_THEN_ELSE.getValue();
  }

  @Override
  public KeywordValidator newValidator(
      SchemaLocation location, JsonNode schemaNode, Schema parentSchema, SchemaContext context) {
    Optional<Discriminator> discriminator = Discriminator.of(schemaNode);
    if (discriminator.isEmpty()) {
      return new IfValidator(location, schemaNode, parentSchema, context);
    }
    return new Validator(discriminator.get(), location, schemaNode, parentSchema, context);
  }

  /** An {@code if} that holds when {@code property} is one of {@code values} (or the instance is no object). */
  record Discriminator(String property, Set<String> values) {

    static Optional<Discriminator> of(JsonNode ifSchema) {
      if (!ifSchema.isObject() || ifSchema.size() != 2) {
        return Optional.empty();
      }
      JsonNode properties = ifSchema.get("properties");
      JsonNode required = ifSchema.get("required");
      if (properties == null || !properties.isObject() || properties.size() != 1
          || required == null || !required.isArray() || required.size() != 1 || !required.get(0).isString()) {
        return Optional.empty();
      }
      String property = required.get(0).stringValue();
      JsonNode condition = properties.get(property);
      if (condition == null || !condition.isObject() || condition.size() != 1) {
        return Optional.empty();
      }
      var values = new HashSet<String>();
      JsonNode constant = condition.get("const");
      JsonNode options = condition.get("enum");
      if (constant != null && constant.isString()) {
        values.add(constant.stringValue());
      } else if (options != null && options.isArray() && !options.isEmpty()) {
        for (JsonNode option : options) {
          if (!option.isString()) {
            return Optional.empty();
          }
          values.add(option.stringValue());
        }
      } else {
        return Optional.empty();
      }
      return Optional.of(new Discriminator(property, Set.copyOf(values)));
    }

    boolean holdsFor(JsonNode instance) {
      if (!instance.isObject()) {
        return true;
      }
      JsonNode value = instance.get(property);
      return value != null && value.isString() && values.contains(value.stringValue());
    }
  }

  private static final class Validator extends BaseKeywordValidator {

    private final Discriminator discriminator;
    private final Schema thenSchema;
    private final Schema elseSchema;

    Validator(
        Discriminator discriminator,
        SchemaLocation location,
        JsonNode schemaNode,
        Schema parentSchema,
        SchemaContext context) {
      super(KeywordType.IF_THEN_ELSE, schemaNode, location, parentSchema, context);
      this.discriminator = discriminator;
      this.thenSchema = branch("then", parentSchema, context);
      this.elseSchema = branch("else", parentSchema, context);
    }

    private static Schema branch(String keyword, Schema parentSchema, SchemaContext context) {
      JsonNode node = parentSchema.getSchemaNode().get(keyword);
      return node == null ? null : context.newSchema(parentSchema.getSchemaLocation().append(keyword), node, parentSchema);
    }

    @Override
    public void validate(ExecutionContext context, JsonNode node, JsonNode rootNode, NodePath instanceLocation) {
      boolean holds = discriminator.holdsFor(node);
      Schema branch = holds ? thenSchema : elseSchema;
      if (branch == null) {
        return;
      }
      // The evaluation path names the branch taken, as the library's validator has it.
      context.evaluationPathRemoveLast();
      context.evaluationPathAddLast(holds ? "then" : "else");
      try {
        branch.validate(context, node, rootNode, instanceLocation);
      } finally {
        context.evaluationPathRemoveLast();
        context.evaluationPathAddLast(KeywordType.IF_THEN_ELSE.getValue());
      }
    }

    @Override
    public void preloadSchema() {
      for (Schema branch : new Schema[] {thenSchema, elseSchema}) {
        if (branch != null) {
          branch.initializeValidators();
        }
      }
    }
  }
}
