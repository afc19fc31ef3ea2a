package io.flotilla.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Runs the {@link OutboxRelay} on a schedule. The scheduler may fire while the application is still
 * starting, before the messaging channels are wired, so runs are skipped until start-up is over;
 * the relay itself is only created on its first real run. Runs stop again when shutdown begins: the
 * pool and the channels close underneath them, and what is left is sent after the restart.
 */
@ApplicationScoped
public class OutboxRelayJob {

  private static final Logger LOG = Logger.getLogger(OutboxRelayJob.class);

  private final OutboxRelay relay;
  private final Counter failedBatches;
  private volatile boolean started;

  public OutboxRelayJob(OutboxRelay relay, MeterRegistry registry) {
    this.relay = relay;
    this.failedBatches = registry.counter("flotilla.outbox.failed.batches");
  }

  void onStart(@Observes StartupEvent event) {
    started = true;
  }

  void onStop(@Observes ShutdownEvent event) {
    started = false;
  }

  @Scheduled(
      every = "${flotilla.messaging.relay-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> relay() {
    if (!started) {
      return Uni.createFrom().voidItem();
    }
    return relay
        .drain()
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            failure -> {
              failedBatches.increment();
              LOG.warnf("Outbox relay will retry: %s", failure.toString());
              return Uni.createFrom().voidItem();
            });
  }

  @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> deleteRelayedRows() {
    return started ? relay.deleteRelayedRows() : Uni.createFrom().voidItem();
  }
}
