package dev.browserfleet.ingest.web;

import dev.browserfleet.ingest.access.Authentication;
import dev.browserfleet.ingest.access.Authenticator;
import dev.browserfleet.ingest.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every call of an API endpoint by its {@code X-API-Key} header, and keeps client
 * keys off admin endpoints. Requests no endpoint handles (unknown routes) are let through to
 * become plain 404s.
 */
final class ApiKeyInterceptor implements HandlerInterceptor {

  static final String HEADER = "X-API-Key";
  static final String CALLER = ApiKeyInterceptor.class.getName() + ".caller";

  private final Authenticator authenticator;

  ApiKeyInterceptor(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    Caller caller =
        switch (authenticator.authenticate(request.getHeader(HEADER))) {
          case Authentication.Authenticated authenticated -> authenticated.caller();
          case Authentication.Refused refused -> throw new ApiProblem.KeyRefused(refused.reason());
        };
    boolean adminOnly =
        method.getBeanType().isAnnotationPresent(AdminOnly.class) || method.hasMethodAnnotation(AdminOnly.class);
    if (adminOnly && !(caller instanceof Caller.Admin)) {
      throw new ApiProblem.AdminOnly();
    }
    request.setAttribute(CALLER, caller);
    return true;
  }
}
