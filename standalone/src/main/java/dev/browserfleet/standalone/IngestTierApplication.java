package dev.browserfleet.standalone;

import dev.browserfleet.ingest.IngestApiApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * {@code BF_SERVICES=ingest-api bin/browserfleet dev}: the ingest-api alone, with the same embedded
 * broker and PostgreSQL, and no dispatcher, projector or worker consuming in this JVM. For
 * measuring the submission path by itself (bench/throughput.sh). Flyway still migrates the
 * projector's schema at start-up (its scripts are on this jar's classpath, at Spring Boot's default
 * location), so the tables the ingest-api reads exist; nothing projects the jobs it accepts.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(IngestApiApplication.class)
public class IngestTierApplication {}
