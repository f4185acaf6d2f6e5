package dev.browserfleet.ingest.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web console: static pages at {@code /console/} (and {@code /} sends a browser there). They
 * hold no data and no key; every figure they show comes from {@code /api/v1} with the key the
 * person typed, so serving them without a key weakens nothing.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebMvcConfigurer {

  static final String PATH = "/console/";
  private static final String LOCATION = "classpath:/browserfleet/console/";

  /**
   * Only the console's own files and the API's origin: no inline script or style, no frames, no
   * other origin. {@code blob:} images are the screenshots, fetched with the key and shown locally.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self';"
          + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/", PATH);
    registry.addRedirectViewController("/console", PATH);
    registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    // Revalidated on each load (ETag/Last-Modified answer 304), so a new version is never stale.
    registry.addResourceHandler(PATH + "**").addResourceLocations(LOCATION).setCacheControl(CacheControl.noCache());
  }

  @Bean
  FilterRegistrationBean<SecurityHeaders> consoleSecurityHeaders() {
    var registration = new FilterRegistrationBean<>(new SecurityHeaders());
    registration.addUrlPatterns(PATH + "*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  /** The console's headers, set before the page is written (a forward keeps them). */
  static final class SecurityHeaders extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Referrer-Policy", "no-referrer");
      response.setHeader("X-Frame-Options", "DENY");
      response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
      chain.doFilter(request, response);
    }
  }
}
