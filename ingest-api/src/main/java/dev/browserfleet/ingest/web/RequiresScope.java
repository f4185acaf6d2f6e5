package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.reference.ApiKeyScope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The scope a client key needs for a controller's endpoints, or one endpoint (which then wins). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@interface RequiresScope {
  ApiKeyScope value();
}
