package dev.browserfleet.ingest.web;

import dev.browserfleet.ingest.access.Authenticator;
import dev.browserfleet.ingest.access.RateLimiter;
import dev.browserfleet.ingest.config.IngestProperties;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts request ids, the body limit and API key authentication in front of {@code /api/v1}. */
@Configuration(proxyBeanMethods = false)
class IngestWebConfiguration implements WebMvcConfigurer {

  static final String API_BASE = "/api/v1";

  private final Authenticator authenticator;
  private final RateLimiter rateLimiter;
  private final ApiMetrics metrics;

  IngestWebConfiguration(Authenticator authenticator, RateLimiter rateLimiter, ApiMetrics metrics) {
    this.authenticator = authenticator;
    this.rateLimiter = rateLimiter;
    this.metrics = metrics;
  }

  @Bean
  FilterRegistrationBean<RequestLogFilter> ingestRequestLogFilter() {
    var registration = new FilterRegistrationBean<>(new RequestLogFilter());
    registration.addUrlPatterns(API_BASE + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> ingestRequestBodyLimitFilter(IngestProperties properties) {
    var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxRequestBody().toBytes()));
    registration.addUrlPatterns(API_BASE + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new ApiKeyInterceptor(authenticator, rateLimiter, metrics)).addPathPatterns(API_BASE + "/**");
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CallerArgumentResolver());
  }
}
