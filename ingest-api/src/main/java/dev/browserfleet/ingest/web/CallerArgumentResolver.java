package dev.browserfleet.ingest.web;

import dev.browserfleet.ingest.access.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands handler methods the {@link Caller} that {@link ApiKeyInterceptor} established. */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return Caller.class.isAssignableFrom(parameter.getParameterType());
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest request,
      WebDataBinderFactory binderFactory) {
    Object caller = request.getAttribute(ApiKeyInterceptor.CALLER, RequestAttributes.SCOPE_REQUEST);
    if (caller == null) {
      // An endpoint outside /api/v1 asked for a caller: refuse rather than run unauthenticated.
      throw new ApiProblem.KeyRefused("No API key given: send one in the " + ApiKeyInterceptor.HEADER + " header.");
    }
    return caller;
  }
}
