package io.flotilla.inventory.support;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as a child process, so
 * a test can kill it like a crash would (SIGKILL, no shutdown hooks) and start it again.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final Map<String, String> environment;
  private final List<String> systemProperties;
  private final Path logDirectory;
  private final int port;
  private Process process;
  private int starts;

  public ServiceProcess(
      Map<String, String> environment, Map<String, String> systemProperties, Path logDirectory) {
    this.port = freePort();
    this.environment = environment;
    this.systemProperties = new ArrayList<>();
    systemProperties.forEach((key, value) -> this.systemProperties.add("-D" + key + "=" + value));
    this.logDirectory = logDirectory;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts the service and waits until it reports ready. */
  public ServiceProcess start() throws IOException, InterruptedException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run this test in the verify phase");
    }
    Files.createDirectories(logDirectory);
    starts++;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    // e.g.
    // -Dinventory.service.jvm-options=-XX:StartFlightRecording=filename=target/bench/service.jfr
    String extra = System.getProperty("inventory.service.jvm-options", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(systemProperties);
    command.add("-jar");
    command.add(JAR.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log().toFile());
    builder.environment().putAll(environment);
    builder.environment().put("FLOTILLA_INVENTORY_PORT", Integer.toString(port));
    process = builder.start();
    awaitReady();
    return this;
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

  public boolean isAlive() {
    return process != null && process.isAlive();
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

  private Path log() {
    return logDirectory.resolve("service-" + starts + ".log");
  }

  private void awaitReady() throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The service exited while starting:\n" + logTail());
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("The service did not become ready:\n" + logTail());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
