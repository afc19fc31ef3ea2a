/*
 * Readiness probe of the local Kafka broker, run by ./flotilla with the Java source launcher:
 *
 *   CLASSPATH=$(cat .flotilla/kafka/classpath) java deploy/kafka/probe/KafkaReady.java 127.0.0.1:9092 60
 *
 * Exits 0 as soon as a metadata request (AdminClient#describeCluster) answers with at least one
 * broker, 1 when the deadline (seconds, default 60) passes first. It lives in its own folder
 * because the source launcher also serves the files next to the source as class-path resources,
 * and the broker's log4j2.properties must not configure this probe.
 */
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

public class KafkaReady {
  public static void main(String[] args) throws Exception {
    String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
    long deadline = System.nanoTime() + Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60).toNanos();
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    Exception last = null;
    try (Admin admin = Admin.create(config)) {
      while (System.nanoTime() < deadline) {
        try {
          var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000));
          int brokers = cluster.nodes().get(6, TimeUnit.SECONDS).size();
          if (brokers > 0) {
            System.out.println("Kafka at " + bootstrap + " is ready: cluster " + cluster.clusterId().get() + ", " + brokers + " broker(s)");
            return;
          }
        } catch (Exception e) {
          last = e;
        }
        Thread.sleep(300);
      }
    }
    System.err.println("Kafka at " + bootstrap + " did not answer a metadata request in time" + (last == null ? "" : ": " + last));
    System.exit(1);
  }
}
