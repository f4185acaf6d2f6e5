package dev.browserfleet.ingest.web;

import dev.browserfleet.ingest.access.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI 3.1 description at /v3/api-docs (Swagger UI at /swagger-ui/index.html). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  private static final String JOB_EXAMPLE = "/browserfleet/openapi/completed-job.json";

  static {
    // The caller comes from the API key, never from the request's parameters or body.
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  @Bean
  OpenAPI ingestOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Browserfleet API")
                .version("v1")
                .description(
                    "Submit browser-automation jobs, follow them and fetch their artifacts; admins manage API"
                        + " keys, URL policies and browser types. Every error is an RFC 9457 problem"
                        + " (application/problem+json) with a stable type."))
        .tags(
            List.of(
                tag(ApiTags.JOBS, "Submit jobs, list and read them, read their logs, cancel them."),
                tag(ApiTags.ARTIFACTS, "What a job produced: screenshots, PDFs, extracted data, page HTML."),
                tag(ApiTags.EVENTS, "A job's status, log lines and artifacts as Server-Sent Events, resumable."),
                tag(ApiTags.BROWSER_TYPES, "The browsers and devices a job can ask for; admins define them."),
                tag(ApiTags.FLEET, "Workers, lanes and the numbers: how the fleet keeps up."),
                tag(ApiTags.ADMIN_KEYS, "Create, list, revoke and rotate API keys (admin key only)."),
                tag(ApiTags.ADMIN_POLICIES, "Allow and deny patterns for target URLs (admin key only).")))
        .components(
            new Components()
                .addSchemas(ApiErrors.PROBLEM_SCHEMA, problemSchema())
                .addSecuritySchemes(
                    "apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key"))
                .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  @Bean
  OperationCustomizer ingestApiErrors() {
    return new ApiErrors();
  }

  /** A completed job as GET /jobs/{jobId} answers it, kept as a JSON file beside the code. */
  @Bean
  OpenApiCustomizer ingestJobExample() {
    Object example;
    try {
      // Plain maps and lists, which swagger's own JSON writer renders as they are.
      example = io.swagger.v3.core.util.Json.mapper().readValue(resource(JOB_EXAMPLE), Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return openApi -> {
      var path = openApi.getPaths().get(IngestWebConfiguration.API_BASE + "/jobs/{jobId}");
      if (path == null || path.getGet() == null) {
        return;
      }
      var ok = path.getGet().getResponses().get("200");
      ok.getContent()
          .forEach((type, media) -> media.addExamples("completed", new Example().summary("a completed job").value(example)));
    };
  }

  private static Tag tag(String name, String description) {
    return new Tag().name(name).description(description);
  }

  private static Schema<?> problemSchema() {
    var fieldError = new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
    return new ObjectSchema()
        .description("An RFC 9457 problem. type is stable (https://browserfleet.dev/problems/<name>); detail says what to do.")
        .addProperty("type", new StringSchema().format("uri"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema())
        .addProperty("errors", new ArraySchema().items(fieldError).description("for invalid input: each field at fault"));
  }

  private static byte[] resource(String name) {
    try (InputStream in = OpenApiConfiguration.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
