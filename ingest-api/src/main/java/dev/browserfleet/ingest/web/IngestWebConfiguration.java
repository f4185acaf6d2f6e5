package dev.browserfleet.ingest.web;

import dev.browserfleet.ingest.access.Authenticator;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts API key authentication in front of {@code /api/v1}. */
@Configuration(proxyBeanMethods = false)
class IngestWebConfiguration implements WebMvcConfigurer {

  static final String API_BASE = "/api/v1";

  private final Authenticator authenticator;

  IngestWebConfiguration(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new ApiKeyInterceptor(authenticator)).addPathPatterns(API_BASE + "/**");
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CallerArgumentResolver());
  }
}
