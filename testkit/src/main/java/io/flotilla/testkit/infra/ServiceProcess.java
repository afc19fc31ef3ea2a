package io.flotilla.testkit.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Flotilla service running as its own JVM from its packaged Quarkus app ({@code
 * <module>/target/quarkus-app/quarkus-run.jar}), on a free port, so a test can run several services
 * side by side, kill one the way a crash would (SIGKILL, no shutdown hooks) and start it again.
 *
 * <pre>{@code
 * ServiceProcess ledger = ServiceProcess.builder("ledger-service", "FLOTILLA_LEDGER_PORT")
 *     .environment("FLOTILLA_SERVICE_TOKEN", token)
 *     .systemProperty("quarkus.datasource.reactive.url", db.reactiveUrl())
 *     .logDirectory(Path.of("target", "bench"))
 *     .build();
 * ledger.start().awaitReady();
 * }</pre>
 *
 * <p>The jar is looked up under {@code flotilla.repository.root} (default: the parent of the
 * working directory, which is the repository root when Maven runs a module's tests).
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final String READY_PATH = "/q/health/ready";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String module;
  private final Path jar;
  private final int port;
  private final Map<String, String> environment;
  private final List<String> jvmArguments;
  private final Path logDirectory;
  private Process process;
  private int starts;

  private ServiceProcess(Builder builder) {
    this.module = builder.module;
    this.jar = builder.jar;
    this.port = freePort();
    this.environment = new LinkedHashMap<>(builder.environment);
    this.environment.put(builder.portVariable, Integer.toString(port));
    this.jvmArguments = List.copyOf(builder.jvmArguments);
    this.logDirectory = builder.logDirectory;
  }

  /**
   * A service of the given module, told its port through {@code portVariable} (e.g. {@code
   * FLOTILLA_LEDGER_PORT}).
   */
  public static Builder builder(String module, String portVariable) {
    return new Builder(module, portVariable);
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Launches the JVM and returns at once; {@link #awaitReady()} waits for it. */
  public ServiceProcess start() throws IOException {
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: package the services first (./mvnw -Ppackage-only install)");
    }
    Files.createDirectories(logDirectory);
    starts++;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArguments);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
    return this;
  }

  /** Waits until the service reports ready, failing early when it exits. */
  public ServiceProcess awaitReady() throws InterruptedException {
    return awaitReady(START_TIMEOUT);
  }

  /** Waits until the service reports ready, failing early when it exits. */
  public ServiceProcess awaitReady(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(module + " exited while starting:\n" + logTail());
      }
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url() + READY_PATH))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        module + " did not become ready in " + timeout + ":\n" + logTail());
  }

  /** Kills the service at once, as a crash would, and waits until it is gone. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Whether the service is gone within the timeout. A client sees a killed service's connections
   * close a moment before the JVM notices the process ended, so a crash is confirmed by waiting.
   */
  public boolean awaitExit(Duration timeout) throws InterruptedException {
    return process == null || process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The log of the latest start: one file per start, so a restart keeps the crash's log. */
  public Path log() {
    return logDirectory.resolve(module + "-" + starts + ".log");
  }

  /** The last lines the service printed, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Stops the service the ordinary way (SIGTERM), killing it if it does not stop in time. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        kill();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How to run one service. */
  public static final class Builder {

    private final String module;
    private final String portVariable;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmArguments = new ArrayList<>(List.of("-Xmx256m"));
    private final Path jar;
    private Path logDirectory = Path.of("target", "service-logs");

    private Builder(String module, String portVariable) {
      this.module = module;
      this.portVariable = portVariable;
      Path root = Path.of(System.getProperty("flotilla.repository.root", ".."));
      this.jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /**
     * Points the service at a database. The password goes in the environment, where other users'
     * {@code ps} cannot read it, unlike a {@code -D} on the command line.
     */
    public Builder database(TestDatabase database) {
      environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
      environment.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
      environment.put("FLOTILLA_PG_USER", database.user());
      environment.put("FLOTILLA_PG_PASSWORD", database.password());
      return this;
    }

    public Builder environment(Map<String, String> variables) {
      environment.putAll(variables);
      return this;
    }

    /** A {@code -Dkey=value} for the service's JVM; Quarkus reads its configuration from them. */
    public Builder systemProperty(String key, String value) {
      jvmArguments.add("-D" + key + "=" + value);
      return this;
    }

    public Builder systemProperties(Map<String, String> properties) {
      properties.forEach(this::systemProperty);
      return this;
    }

    /** Extra JVM options, e.g. {@code -XX:TieredStopAtLevel=1} or a flight recording. */
    public Builder jvmArguments(List<String> arguments) {
      jvmArguments.addAll(arguments);
      return this;
    }

    public Builder logDirectory(Path directory) {
      this.logDirectory = directory;
      return this;
    }

    public ServiceProcess build() {
      return new ServiceProcess(this);
    }
  }
}
