# The query API's image: the official Eclipse Temurin JRE 17 with the API's runnable jar (shaded,
# built by `mvn package` as query-api/target/ordertrack-query-api-<version>-app.jar).
# Build from the repository root after `mvn package -DskipTests`:
#   docker build -f deploy/kubernetes/query-api.Dockerfile -t <registry>/ordertrack-query-api:<version> .
FROM eclipse-temurin:17-jre
COPY query-api/target/ordertrack-query-api-*-app.jar /opt/ordertrack/query-api.jar
COPY deploy/kubernetes/query-api-log4j2.properties /opt/ordertrack/log4j2.properties
# Any non-root user; numeric so that Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
ENV ORDERTRACK_API_HOST=0.0.0.0 \
    ORDERTRACK_API_PORT=8080
EXPOSE 8080
# The heap follows the container's memory limit; the rest is for metaspace, threads and buffers.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-Dlog4j2.configurationFile=/opt/ordertrack/log4j2.properties", "-jar", "/opt/ordertrack/query-api.jar"]
