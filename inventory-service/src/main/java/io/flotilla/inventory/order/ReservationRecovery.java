package io.flotilla.inventory.order;

import io.flotilla.inventory.InventoryConfig;
import io.flotilla.inventory.ledger.Ledger;
import io.flotilla.inventory.ledger.PaymentOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Finishes or releases orders left reserved past their time — by a crash between the payment and
 * the completion, or by a ledger that did not answer. It asks the ledger first: a paid order is
 * completed, an order the ledger never saw is released, and when the ledger cannot say, nothing
 * happens until the next run; stock that was paid for is never released. A payment can still reach
 * the ledger after its reservation was released (a request stuck in flight for longer than the
 * reservation), so each released reservation gets a second look later and a late payment is
 * refunded. Several replicas may run this at once: every change is conditional on the order's
 * state.
 */
@ApplicationScoped
public class ReservationRecovery {

  private static final Logger LOG = Logger.getLogger(ReservationRecovery.class);

  private final OrderStore store;
  private final OrderSettlement settlement;
  private final Ledger ledger;
  private final InventoryConfig config;
  private final Clock clock;
  private final MeterRegistry registry;

  public ReservationRecovery(
      OrderStore store,
      OrderSettlement settlement,
      Ledger ledger,
      InventoryConfig config,
      Clock clock,
      MeterRegistry registry) {
    this.store = store;
    this.settlement = settlement;
    this.ledger = ledger;
    this.config = config;
    this.clock = clock;
    this.registry = registry;
  }

  /** What happened to the orders one run looked at. */
  public enum Settled {
    /** Paid: completed (or, found paid after its release, refunded). */
    PAID,
    /** Never paid: released, or its second look found nothing. */
    NOT_PAID,
    /** The ledger could not say; tried again next run. */
    UNDECIDED,
    /** A replay settled it while this run asked the ledger. */
    SETTLED_ELSEWHERE
  }

  /** Counts per outcome of one run. */
  public record Report(int paid, int notPaid, int undecided, int settledElsewhere) {

    boolean isEmpty() {
      return paid + notPaid + undecided + settledElsewhere == 0;
    }
  }

  @Scheduled(
      every = "${flotilla.inventory.recovery.interval:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return run()
        .invoke(
            report -> {
              if (!report.isEmpty()) {
                LOG.infof("Reservation recovery: %s", report);
              }
            })
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.warnf("Reservation recovery will retry: %s", failure.toString());
              return Uni.createFrom().voidItem();
            });
  }

  /** One run: settles a batch of expired reservations, then a batch of due second looks. */
  public Uni<Report> run() {
    Instant now = clock.instant();
    int batch = config.recovery().batchSize();
    return store
        .expiredReservations(now, batch)
        .chain(expired -> each(expired, this::settleExpired))
        .chain(
            first ->
                store
                    .dueRechecks(now, batch)
                    .chain(due -> each(due, this::recheck))
                    .map(second -> plus(first, second)));
  }

  private Uni<int[]> each(List<UUID> orderIds, Function<UUID, Uni<Settled>> settle) {
    return Multi.createFrom()
        .iterable(orderIds)
        .onItem()
        .transformToUniAndConcatenate(settle::apply)
        .collect()
        .in(
            () -> new int[Settled.values().length],
            (counts, settled) -> counts[settled.ordinal()]++);
  }

  private static Report plus(int[] first, int[] second) {
    int[] sum = new int[first.length];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = first[i] + second[i];
    }
    return new Report(sum[0], sum[1], sum[2], sum[3]);
  }

  private Uni<Settled> settleExpired(UUID orderId) {
    return ledger
        .paymentOf(orderId)
        .chain(
            outcome ->
                switch (outcome) {
                  case PaymentOutcome.Paid paid ->
                      settlement.complete(orderId, paid.payment()).map(view -> count(Settled.PAID));
                  case PaymentOutcome.Refused neverPaid -> {
                    Instant now = clock.instant();
                    yield store
                        .release(
                            orderId,
                            ReleaseReason.EXPIRED,
                            now,
                            now.plus(config.recovery().recheckAfter()))
                        .map(
                            released ->
                                count(released ? Settled.NOT_PAID : Settled.SETTLED_ELSEWHERE));
                  }
                  case PaymentOutcome.Unknown unknown ->
                      Uni.createFrom().item(count(Settled.UNDECIDED));
                });
  }

  private Uni<Settled> recheck(UUID orderId) {
    return ledger
        .paymentOf(orderId)
        .chain(
            outcome ->
                switch (outcome) {
                  case PaymentOutcome.Paid late -> {
                    LOG.warnf(
                        "Order %s was paid after its reservation expired; refunding", orderId);
                    yield settlement
                        .complete(orderId, late.payment())
                        .map(view -> count(Settled.PAID));
                  }
                  case PaymentOutcome.Refused neverPaid ->
                      store.recheckDone(orderId).map(done -> count(Settled.NOT_PAID));
                  case PaymentOutcome.Unknown unknown ->
                      Uni.createFrom().item(count(Settled.UNDECIDED));
                });
  }

  private Settled count(Settled settled) {
    registry
        .counter("flotilla.inventory.recovery", "outcome", settled.name().toLowerCase())
        .increment();
    return settled;
  }
}
