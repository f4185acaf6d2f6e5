package dev.browserfleet.ingest.web;

import dev.browserfleet.ingest.access.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI 3.1 description at /v3/api-docs (Swagger UI at /swagger-ui/index.html). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

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
        .components(
            new Components()
                .addSecuritySchemes(
                    "apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key"))
                .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
