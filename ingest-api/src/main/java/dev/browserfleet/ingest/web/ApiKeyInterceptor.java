package dev.browserfleet.ingest.web;

import dev.browserfleet.ingest.access.Authentication;
import dev.browserfleet.ingest.access.Authenticator;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.access.RateLimiter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every call of an API endpoint by its key, given in {@code X-API-Key} or as
 * {@code Authorization: Bearer <key>}, keeps client keys off admin endpoints, and counts each
 * client request against its key's rate limit (the admin key has none). Requests no endpoint handles (unknown routes) are let through to
 * become plain 404s.
 */
final class ApiKeyInterceptor implements HandlerInterceptor {

  static final String HEADER = "X-API-Key";
  private static final String BEARER = "Bearer ";
  static final String CALLER = ApiKeyInterceptor.class.getName() + ".caller";

  private final Authenticator authenticator;
  private final RateLimiter rateLimiter;
  private final ApiMetrics metrics;

  ApiKeyInterceptor(Authenticator authenticator, RateLimiter rateLimiter, ApiMetrics metrics) {
    this.authenticator = authenticator;
    this.rateLimiter = rateLimiter;
    this.metrics = metrics;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    // The dispatch that completes an async response (an event stream) was authenticated and counted when it began.
    if (!(handler instanceof HandlerMethod method) || request.getDispatcherType() == DispatcherType.ASYNC) {
      return true;
    }
    Caller caller =
        switch (authenticator.authenticate(presentedKey(request))) {
          case Authentication.Authenticated authenticated -> authenticated.caller();
          case Authentication.Refused refused -> throw new ApiProblem.KeyRefused(refused.reason());
        };
    boolean adminOnly =
        method.getBeanType().isAnnotationPresent(AdminOnly.class) || method.hasMethodAnnotation(AdminOnly.class);
    if (adminOnly && !(caller instanceof Caller.Admin)) {
      throw new ApiProblem.AdminOnly();
    }
    RequiresScope scope =
        method.hasMethodAnnotation(RequiresScope.class)
            ? method.getMethodAnnotation(RequiresScope.class)
            : method.getBeanType().getAnnotation(RequiresScope.class);
    if (scope != null && !caller.hasScope(scope.value())) {
      throw new ApiProblem.MissingScope(scope.value());
    }
    request.setAttribute(CALLER, caller);
    if (caller instanceof Caller.Client client) {
      RateLimiter.Decision decision = rateLimiter.take(client);
      RateLimitHeaders.set(response, decision);
      if (!decision.allowed()) {
        metrics.rateLimited();
        throw new ApiProblem.RateLimited(decision);
      }
    }
    return true;
  }

  /** The key from {@code X-API-Key}, else from a Bearer {@code Authorization}; null when neither. */
  static String presentedKey(HttpServletRequest request) {
    String key = request.getHeader(HEADER);
    if (key != null && !key.isBlank()) {
      return key;
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return authorization.substring(BEARER.length());
    }
    return null;
  }
}
