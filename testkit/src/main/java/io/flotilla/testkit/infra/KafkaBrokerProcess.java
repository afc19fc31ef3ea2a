package io.flotilla.testkit.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * An extra single-node Kafka broker (KRaft, combined broker + controller, loopback only) running as
 * a child JVM, for tests that stop and restart Kafka ("Kafka down, then back").
 *
 * <p>The broker runs on the {@code java} of the current JVM ({@code java.home}) with the class path
 * listed in the file named by {@code FLOTILLA_KAFKA_CLASSPATH_FILE} (or {@code
 * -Dflotilla.kafka.classpath-file}), which {@code ./flotilla test} resolves from {@code
 * deploy/kafka/pom.xml}. Ports are picked free once and kept, as is the data directory, so {@link
 * #stop()} followed by {@link #start()} brings back the same broker with its data.
 *
 * <pre>{@code
 * try (KafkaBrokerProcess kafka = KafkaBrokerProcess.create().start()) {
 *   String bootstrap = kafka.bootstrapServers();
 *   kafka.stop();   // SIGTERM, clients see the broker go away
 *   kafka.start();  // same port, same data
 * }                 // killed, directory deleted
 * }</pre>
 *
 * <p>The broker settings match {@code deploy/kafka/server.properties.template}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final String HOST = "127.0.0.1";

  private final int port;
  private final int controllerPort;
  private final Path workDir;
  private final Path dataDir;
  private final Path configFile;
  private final Path logFile;
  private final String classpath;
  private final Thread shutdownHook = new Thread(this::kill, "kafka-broker-process-reaper");

  // volatile: the shutdown hook reads it without the lock a starting thread may hold
  private volatile Process process;
  private boolean closed;

  private KafkaBrokerProcess(String classpath, int port, int controllerPort, Path workDir) {
    this.classpath = classpath;
    this.port = port;
    this.controllerPort = controllerPort;
    this.workDir = workDir;
    this.dataDir = workDir.resolve("data");
    this.configFile = workDir.resolve("server.properties");
    this.logFile = workDir.resolve("kafka.log");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** A broker on two free loopback ports with a new temporary directory; not started yet. */
  public static KafkaBrokerProcess create() {
    String classpath = readClasspath(Path.of(InfraSettings.kafkaClasspathFile()));
    int[] ports = freePorts(2);
    try {
      Path workDir = Files.createTempDirectory("flotilla-kafka-");
      KafkaBrokerProcess broker = new KafkaBrokerProcess(classpath, ports[0], ports[1], workDir);
      Files.createDirectories(broker.dataDir);
      Files.writeString(broker.configFile, broker.serverProperties());
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not prepare a Kafka broker directory", e);
    }
  }

  /**
   * Starts the broker (formatting its storage the first time) and waits until it answers a metadata
   * request. Does nothing when it already runs.
   *
   * @return this
   */
  public synchronized KafkaBrokerProcess start() {
    if (closed) {
      throw new IllegalStateException("Kafka broker " + bootstrapServers() + " is closed");
    }
    if (isRunning()) {
      return this;
    }
    try {
      if (!Files.exists(dataDir.resolve("meta.properties"))) {
        format();
      }
      appendToLog("=== starting broker on " + bootstrapServers() + " ===");
      process = javaProcess("kafka.Kafka", configFile.toString()).start();
      awaitReady();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start Kafka broker " + bootstrapServers(), e);
    }
  }

  /**
   * Stops the broker like an operator would (SIGTERM, then SIGKILL after 30 s) and waits until it
   * is gone; port and data stay reserved for {@link #start()}.
   */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Process running = process;
    process = null;
    running.destroy();
    try {
      if (!running.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        running.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      running.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Kills the broker and deletes its directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or ran anyway
    }
    deleteRecursively(workDir);
  }

  /** {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  /** Whether the broker process is alive (it may still be starting). */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The broker's log file (stdout and stderr of every start). */
  public Path logFile() {
    return logFile;
  }

  /** The server.properties the broker runs with. */
  String serverProperties() {
    return String.join(
        "\n",
        "# Generated by io.flotilla.testkit.infra.KafkaBrokerProcess;",
        "# same settings as deploy/kafka/server.properties.template.",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@" + HOST + ":" + controllerPort,
        "listeners=PLAINTEXT://"
            + HOST
            + ":"
            + port
            + ",CONTROLLER://"
            + HOST
            + ":"
            + controllerPort,
        "advertised.listeners=PLAINTEXT://" + HOST + ":" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs=" + dataDir,
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=5",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=5",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=true",
        "num.partitions=3",
        "num.network.threads=2",
        "num.io.threads=2",
        "num.recovery.threads.per.data.dir=1",
        "background.threads=2",
        "log.retention.hours=168",
        "");
  }

  private void format() throws IOException {
    appendToLog("=== formatting " + dataDir + " ===");
    Process formatter =
        javaProcess(
                "kafka.tools.StorageTool",
                "format",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                configFile.toString())
            .start();
    try {
      if (!formatter.waitFor(60, TimeUnit.SECONDS)) {
        formatter.destroyForcibly();
        throw new IllegalStateException("Formatting Kafka storage timed out" + logTail());
      }
    } catch (InterruptedException e) {
      formatter.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
    }
    if (formatter.exitValue() != 0) {
      throw new IllegalStateException(
          "Formatting Kafka storage failed (exit " + formatter.exitValue() + ")" + logTail());
    }
  }

  private ProcessBuilder javaProcess(String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xms64m",
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true",
            "-Dlog4j2.configurationFile=" + log4jConfig()));
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().put("CLASSPATH", classpath);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return builder;
  }

  private String log4jConfig() throws IOException {
    var configured = InfraSettings.kafkaLog4jConfig();
    if (configured.isPresent() && Files.isReadable(Path.of(configured.get()))) {
      return configured.get();
    }
    Path generated = workDir.resolve("log4j2.properties");
    if (!Files.exists(generated)) {
      Files.writeString(
          generated,
          String.join(
              "\n",
              "status = warn",
              "appender.console.type = Console",
              "appender.console.name = STDOUT",
              "appender.console.layout.type = PatternLayout",
              "appender.console.layout.pattern = %d{ISO8601} %-5p [%t] %c{1.} - %m%n",
              "rootLogger.level = INFO",
              "rootLogger.appenderRef.stdout.ref = STDOUT",
              "logger.request.name = kafka.request.logger",
              "logger.request.level = WARN",
              "logger.state.name = state.change.logger",
              "logger.state.level = WARN",
              ""));
    }
    return generated.toString();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    waitForPort(deadline);
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    Exception last = null;
    try (Admin admin = Admin.create(config)) {
      while (System.nanoTime() < deadline) {
        checkAlive();
        try {
          var nodes =
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                  .nodes()
                  .get(6, TimeUnit.SECONDS);
          if (!nodes.isEmpty()) {
            return;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (Exception e) {
          last = e;
        }
        sleep(200);
      }
    }
    kill();
    throw new IllegalStateException(
        "Kafka broker "
            + bootstrapServers()
            + " did not answer a metadata request within "
            + START_TIMEOUT.toSeconds()
            + " s"
            + (last == null ? "" : " (" + last + ")")
            + logTail(),
        last);
  }

  private void waitForPort(long deadline) {
    while (System.nanoTime() < deadline) {
      checkAlive();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(HOST, port), 500);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    kill();
    throw new IllegalStateException(
        "Kafka broker did not open " + bootstrapServers() + " in time" + logTail());
  }

  private void checkAlive() {
    Process current = process;
    if (current == null || !current.isAlive()) {
      String exit = current == null ? "" : " with exit code " + current.exitValue();
      process = null;
      throw new IllegalStateException(
          "Kafka broker " + bootstrapServers() + " exited during startup" + exit + logTail());
    }
  }

  private void kill() {
    Process running = process;
    process = null;
    if (running != null && running.isAlive()) {
      running.destroyForcibly();
      try {
        running.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void appendToLog(String line) throws IOException {
    Files.writeString(
        logFile,
        line + System.lineSeparator(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - 40), lines.size());
      return "\n---- last lines of " + logFile + " ----\n" + String.join("\n", tail);
    } catch (IOException e) {
      return " (no log at " + logFile + ")";
    }
  }

  static String readClasspath(Path file) {
    try {
      String classpath = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (classpath.isEmpty()) {
        throw new IllegalStateException("Kafka classpath file " + file + " is empty");
      }
      for (String entry : classpath.split(File.pathSeparator)) {
        if (!Files.exists(Path.of(entry))) {
          throw new IllegalStateException(
              "Kafka classpath entry "
                  + entry
                  + " (from "
                  + file
                  + ") does not exist. "
                  + InfraSettings.RUN_THROUGH_FLOTILLA);
        }
      }
      return classpath;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read Kafka classpath file " + file + ". " + InfraSettings.RUN_THROUGH_FLOTILLA,
          e);
    }
  }

  private static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("No free loopback port", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Kafka", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException ignored) {
                  // best effort: a temp directory
                }
              });
    } catch (IOException ignored) {
      // best effort: a temp directory
    }
  }
}
