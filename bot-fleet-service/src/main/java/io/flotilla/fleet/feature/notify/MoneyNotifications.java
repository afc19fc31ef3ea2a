package io.flotilla.fleet.feature.notify;

import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.events.OrderRefunded;
import io.flotilla.contracts.events.TopUpCredited;
import io.flotilla.contracts.events.WithdrawalApproved;
import io.flotilla.contracts.events.WithdrawalPaid;
import io.flotilla.contracts.events.WithdrawalRejected;
import io.flotilla.fleet.i18n.Language;
import io.flotilla.fleet.i18n.Texts;
import io.flotilla.fleet.runtime.BotSupervisor;
import io.flotilla.fleet.runtime.Notifier;
import io.flotilla.platform.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Tells people in their shop's bot what the ledger and the inventory did with their money: a
 * customer that a top-up was credited or an order refunded; an agent's owners that a withdrawal was
 * approved, rejected (with the reason) or paid (with the txid). Each event is told once (the
 * platform's idempotent consumer); a person who blocked the bot, or a bot this process does not
 * run, is skipped.
 */
@ApplicationScoped
public class MoneyNotifications {

  static final String LEDGER_CONSUMER = "fleet.ledger-notifications";
  static final String ORDER_CONSUMER = "fleet.order-notifications";

  private final IdempotentConsumer consumer;
  private final Notifier notifier;
  private final BotSupervisor supervisor;

  public MoneyNotifications(
      IdempotentConsumer consumer, Notifier notifier, BotSupervisor supervisor) {
    this.consumer = consumer;
    this.notifier = notifier;
    this.supervisor = supervisor;
  }

  @Incoming("ledger-events")
  public Uni<Void> onLedger(String message) {
    return consumer.consume(LEDGER_CONSUMER, message, MoneyNotifications::toldToPeople, this::tell);
  }

  @Incoming("order-events")
  public Uni<Void> onOrder(String message) {
    return consumer.consume(ORDER_CONSUMER, message, MoneyNotifications::toldToPeople, this::tell);
  }

  /** Stars are paid in the chat, and the bot says so there at once: no second message. */
  private static boolean toldToPeople(DomainEvent event) {
    return event instanceof TopUpCredited credited && !"stars".equals(credited.method())
        || event instanceof OrderRefunded
        || event instanceof WithdrawalApproved
        || event instanceof WithdrawalRejected
        || event instanceof WithdrawalPaid;
  }

  private Uni<Void> tell(EventEnvelope envelope, DomainEvent event) {
    return switch (event) {
      case TopUpCredited e ->
          toCustomer(
              e.tenantId(),
              e.customerId(),
              l ->
                  Texts.text(
                      l, "notify.top_up_credited", Texts.money(l, e.amount(), e.currency())));
      case OrderRefunded e ->
          toCustomer(
              e.tenantId(),
              e.customerId(),
              l ->
                  Texts.text(
                      l,
                      "notify.order_refunded",
                      Texts.money(l, e.refundAmount(), e.currency()),
                      e.reason()));
      case WithdrawalApproved e ->
          toOwners(
              e.tenantId(),
              l ->
                  Texts.text(
                      l, "notify.withdrawal_approved", Texts.money(l, e.amount(), e.currency())));
      case WithdrawalRejected e ->
          toOwners(
              e.tenantId(),
              l ->
                  Texts.text(
                      l,
                      "notify.withdrawal_rejected",
                      Texts.money(l, e.amount(), e.currency()),
                      e.reason()));
      case WithdrawalPaid e ->
          toOwners(
              e.tenantId(),
              l ->
                  Texts.text(
                      l,
                      "notify.withdrawal_paid",
                      Texts.money(l, e.amount(), e.currency()),
                      e.txid()));
      default -> Uni.createFrom().voidItem();
    };
  }

  private Uni<Void> toCustomer(String tenantId, long customerId, Function<Language, String> text) {
    return notifier.notify(tenantId, customerId, text, null).replaceWithVoid();
  }

  private Uni<Void> toOwners(String tenantId, Function<Language, String> text) {
    if (supervisor.target(tenantId).isEmpty() && supervisor.settling()) {
      return Uni.createFrom().failure(new Notifier.BotNotStartedYet(tenantId));
    }
    List<Long> owners =
        supervisor
            .target(tenantId)
            .map(bot -> List.copyOf(bot.info().ownerTelegramIds()))
            .orElse(List.of());
    return Multi.createFrom()
        .iterable(owners)
        .onItem()
        .transformToUniAndConcatenate(owner -> notifier.notify(tenantId, owner, text, null))
        .collect()
        .last()
        .replaceWithVoid();
  }
}
