# syntax=docker/dockerfile:1
# Browserfleet's images. Every container runs the launcher jar with BF_SERVICES naming its service
# (deploy/docker/browserfleet-entrypoint), so that each one serves its actuator health groups and
# Prometheus metrics over HTTP:
#   --target service                      ingest-api, dispatcher and projector
#   --target worker --build-arg ENGINE=e  a browser worker with engine e's Debian packages only
#                                         (chromium, firefox or webkit)
# docker-compose.yml and the Helm chart (deploy/helm/browserfleet) use them.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package -pl standalone -am

FROM eclipse-temurin:21-jre AS service
RUN useradd --system --uid 10001 --user-group browserfleet && mkdir -p /data && chown browserfleet:browserfleet /data
COPY --chmod=0755 deploy/docker/browserfleet-entrypoint /usr/local/bin/browserfleet-entrypoint
COPY --from=build /src/standalone/target/standalone-0.1.0-SNAPSHOT-exec.jar /app/app.jar
USER 10001
ENV BF_DATA_DIR=/data BF_HTTP_PORT=8080 BF_ALLOW_PRIVATE_TARGETS=false BF_JAVA_OPTS=-XX:MaxRAMPercentage=75
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/browserfleet-entrypoint"]

# The engines as on the development machine (Ubuntu, under the Temurin images, ships Chromium only
# as a snap): Debian's Chromium and ChromeDriver; Firefox ESR, driven over WebDriver BiDi by the
# worker itself (no geckodriver); WebKitWebDriver with MiniBrowser and Xvfb. tini is PID 1: it
# reaps the browser processes a crashed session leaves behind, and passes SIGTERM to the JVM.
FROM debian:bookworm-slim AS worker
ARG ENGINE=chromium
RUN case "$ENGINE" in \
      chromium) packages="chromium chromium-driver" ;; \
      firefox) packages="firefox-esr" ;; \
      webkit) packages="webkit2gtk-driver xvfb" ;; \
      *) echo "ENGINE must be chromium, firefox or webkit, not '$ENGINE'" >&2; exit 1 ;; \
    esac \
 && apt-get update \
 && apt-get install -y --no-install-recommends $packages tini fonts-liberation fonts-noto-color-emoji ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --create-home browserfleet && mkdir -p /data && chown browserfleet:browserfleet /data
COPY --from=eclipse-temurin:21-jre /opt/java/openjdk /opt/java/openjdk
COPY --chmod=0755 deploy/docker/browserfleet-entrypoint deploy/docker/browserfleet-drain /usr/local/bin/
COPY --from=build /src/standalone/target/standalone-0.1.0-SNAPSHOT-exec.jar /app/app.jar
USER 10001
ENV PATH=/opt/java/openjdk/bin:$PATH BF_DATA_DIR=/data BF_HTTP_PORT=8080 BF_ALLOW_PRIVATE_TARGETS=false \
    BF_SERVICES=worker BF_WORKER_ENGINES=$ENGINE BF_JAVA_OPTS=-XX:MaxRAMPercentage=40
EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/browserfleet-entrypoint"]
