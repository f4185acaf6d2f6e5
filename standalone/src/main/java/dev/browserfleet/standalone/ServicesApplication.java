package dev.browserfleet.standalone;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The context a subset of the services runs in ({@code BF_SERVICES}): the launcher adds the chosen
 * services' application classes as further sources. With only the ingest-api, no dispatcher,
 * projector or worker consumes in this process (bench/throughput.sh measures the ingest tier so).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ServicesApplication {}
