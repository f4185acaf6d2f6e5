# syntax=docker/dockerfile:1
# One multi-stage build for the four services. docker-compose.yml picks a target per service.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

# ingest-api, dispatcher, projector: a plain JRE image, the service chosen by build argument.
FROM eclipse-temurin:21-jre AS service
ARG SERVICE
RUN useradd --system --uid 10001 browserfleet && mkdir -p /data /artifacts && chown browserfleet /data /artifacts
COPY --from=build /src/${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT-exec.jar /app/app.jar
USER browserfleet
ENV BF_DATA_DIR=/data
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]

# browser-worker: the three engines as on the development machine (Ubuntu, under the Temurin
# images, ships Chromium only as a snap): Debian's Chromium and ChromeDriver, Firefox ESR (driven
# over WebDriver BiDi by the worker itself, no geckodriver), and WebKitWebDriver with Xvfb; with
# Temurin's JRE copied in.
FROM debian:bookworm-slim AS browser-worker
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium chromium-driver firefox-esr webkit2gtk-driver xvfb \
      fonts-liberation fonts-noto-color-emoji ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --create-home browserfleet && mkdir -p /data /artifacts && chown browserfleet /data /artifacts
COPY --from=eclipse-temurin:21-jre /opt/java/openjdk /opt/java/openjdk
ENV PATH=/opt/java/openjdk/bin:$PATH BF_DATA_DIR=/data
COPY --from=build /src/browser-worker/target/browser-worker-0.1.0-SNAPSHOT-exec.jar /app/app.jar
USER browserfleet
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-jar", "/app/app.jar"]
