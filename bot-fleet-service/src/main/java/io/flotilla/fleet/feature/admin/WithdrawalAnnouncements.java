package io.flotilla.fleet.feature.admin;

import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.events.WithdrawalRequested;
import io.flotilla.fleet.dispatch.PlatformAdmins;
import io.flotilla.fleet.i18n.Texts;
import io.flotilla.fleet.runtime.Notifier;
import io.flotilla.platform.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Tells every platform admin in the master bot about a new withdrawal request, with its Approve and
 * Reject buttons; once per event (the platform's idempotent consumer). Its own consumer group on
 * the ledger's topic, beside the customers' and agents' notifications.
 */
@ApplicationScoped
public class WithdrawalAnnouncements {

  static final String CONSUMER = "fleet.withdrawal-announcements";
  static final String MASTER = "master";

  private final IdempotentConsumer consumer;
  private final Notifier notifier;
  private final PlatformAdmins admins;

  public WithdrawalAnnouncements(
      IdempotentConsumer consumer, Notifier notifier, PlatformAdmins admins) {
    this.consumer = consumer;
    this.notifier = notifier;
    this.admins = admins;
  }

  @Incoming("withdrawal-announcements")
  public Uni<Void> onLedger(String message) {
    return consumer.consume(
        CONSUMER, message, event -> event instanceof WithdrawalRequested, this::announce);
  }

  private Uni<Void> announce(EventEnvelope envelope, DomainEvent event) {
    WithdrawalRequested requested = (WithdrawalRequested) event;
    UUID id = UUID.fromString(requested.withdrawalId());
    return Multi.createFrom()
        .iterable(List.copyOf(admins.all()))
        .onItem()
        .transformToUniAndConcatenate(
            admin ->
                notifier.notify(
                    MASTER,
                    admin,
                    language ->
                        Texts.text(
                            language,
                            "admin.withdraw.announced",
                            requested.tenantId(),
                            Texts.money(language, requested.amount(), requested.currency()),
                            requested.payoutAddress(),
                            requested.withdrawalId()),
                    // The Notifier takes one keyboard for everyone: its labels read in both
                    // languages.
                    WithdrawalAdminModule.bilingualButtons(id)))
        .collect()
        .last()
        .replaceWithVoid();
  }
}
