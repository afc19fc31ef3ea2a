package io.flotilla.ledger.refund;

import io.flotilla.contracts.events.OrderRefunded;
import io.flotilla.ledger.LedgerTime;
import io.flotilla.ledger.book.Account;
import io.flotilla.ledger.book.AccountKey;
import io.flotilla.ledger.book.AccountKind;
import io.flotilla.ledger.book.Accounts;
import io.flotilla.ledger.book.AgentAccounts;
import io.flotilla.ledger.book.BalanceRow;
import io.flotilla.ledger.book.Journal;
import io.flotilla.ledger.book.Leg;
import io.flotilla.ledger.book.TransferDraft;
import io.flotilla.ledger.book.TransferKind;
import io.flotilla.ledger.maturity.ProfitLot;
import io.flotilla.ledger.maturity.ProfitLotRepository;
import io.flotilla.ledger.payment.PaymentRepository;
import io.flotilla.ledger.payment.PaymentView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reverses a paid order once: the customer gets the whole amount back, the platform's revenue and
 * the agent's profit give back their shares. Pending profit is cancelled; matured profit is taken
 * from the agent's available balance, and what that cannot cover is booked to the agent's
 * receivable (a debt repaid from the next profit that matures).
 */
@ApplicationScoped
public class RefundService {

  private static final Logger LOG = Logger.getLogger(RefundService.class);

  private final Pool pool;
  private final PaymentRepository payments;
  private final ProfitLotRepository lots;
  private final Accounts accounts;
  private final Journal journal;
  private final Clock clock;
  private final Counter refunded;

  public RefundService(
      Pool pool,
      PaymentRepository payments,
      ProfitLotRepository lots,
      Accounts accounts,
      Journal journal,
      Clock clock,
      MeterRegistry registry) {
    this.pool = pool;
    this.payments = payments;
    this.lots = lots;
    this.accounts = accounts;
    this.journal = journal;
    this.clock = clock;
    this.refunded = registry.counter("flotilla.ledger.refunds");
  }

  /**
   * Applies an {@code OrderRefunded}; a second one for the same order changes nothing.
   *
   * @throws RefundRejectedException when the ledger never charged the order or the event's figures
   *     differ from the payment: no retry fixes that, so it goes to the dead-letter topic
   */
  public Uni<Void> refund(OrderRefunded event) {
    return payments
        .find(pool, event.orderId())
        .chain(
            payment -> {
              check(event, payment);
              if ("refunded".equals(payment.status())) {
                return Uni.createFrom().voidItem();
              }
              return openAccounts(payment)
                  .chain(
                      opened ->
                          pool.withTransaction(
                              connection -> refundLocked(connection, event.orderId(), opened)));
            });
  }

  private Uni<Void> refundLocked(SqlConnection connection, String orderId, Opened opened) {
    return payments
        .lock(connection, orderId)
        .chain(
            payment -> {
              if ("refunded".equals(payment.status())) {
                return Uni.createFrom().voidItem();
              }
              long markupTotal = payment.markupPerUnit() * payment.quantity();
              Uni<ProfitLot> lot =
                  markupTotal > 0 ? lots.lock(connection, orderId) : Uni.createFrom().nullItem();
              return lot.chain(found -> reverse(connection, payment, found, opened));
            });
  }

  private Uni<Void> reverse(
      SqlConnection connection, PaymentView payment, ProfitLot lot, Opened opened) {
    Instant now = LedgerTime.now(clock);
    long baseTotal = payment.baseUnitPrice() * payment.quantity();
    List<BalanceRow> rows = new ArrayList<>();
    rows.add(BalanceRow.of(opened.revenue()));
    if (lot != null) {
      rows.add(BalanceRow.of(opened.agent().pending()));
      rows.add(BalanceRow.of(opened.agent().available()));
      rows.add(BalanceRow.of(opened.agent().receivable()));
    }
    return journal
        .lock(connection, List.of(BalanceRow.of(opened.wallet())))
        .chain(() -> journal.lock(connection, rows))
        .chain(
            balances -> {
              List<Leg> legs = new ArrayList<>();
              legs.add(Leg.of(opened.wallet(), payment.amount()));
              legs.add(Leg.of(opened.revenue(), -baseTotal));
              ProfitLot.Status lotStatus = null;
              if (lot != null && lot.status() == ProfitLot.Status.PENDING) {
                legs.add(Leg.of(opened.agent().pending(), -lot.amount()));
                lotStatus = ProfitLot.Status.CANCELLED;
              } else if (lot != null && lot.status() == ProfitLot.Status.MATURED) {
                long available =
                    Math.max(0, balances.getOrDefault(opened.agent().available().id(), 0L));
                long fromAvailable = Math.min(available, lot.amount());
                legs.add(Leg.of(opened.agent().available(), -fromAvailable));
                legs.add(Leg.of(opened.agent().receivable(), -(lot.amount() - fromAvailable)));
                lotStatus = ProfitLot.Status.REVERSED;
              }
              ProfitLot.Status newLotStatus = lotStatus;
              TransferDraft transfer =
                  new TransferDraft(
                      TransferKind.REFUND, payment.orderId(), payment.currency(), legs);
              return journal
                  .post(connection, now, transfer)
                  .chain(
                      transferId ->
                          payments.markRefunded(connection, payment.orderId(), transferId, now))
                  .chain(
                      () ->
                          newLotStatus == null
                              ? Uni.createFrom().voidItem()
                              : lots.setStatus(connection, payment.orderId(), newLotStatus))
                  .invoke(() -> refunded.increment());
            });
  }

  private Uni<Opened> openAccounts(PaymentView payment) {
    AccountKey wallet =
        AccountKey.wallet(payment.tenantId(), payment.customerId(), payment.currency());
    AccountKey revenue = AccountKey.platform(AccountKind.PLATFORM_REVENUE, payment.currency());
    Uni<List<Account>> own = accounts.open(List.of(wallet, revenue));
    boolean withProfit = payment.markupPerUnit() > 0;
    return own.chain(
        walletAndRevenue ->
            (withProfit
                    ? accounts.openAgent(payment.soldBy(), payment.currency())
                    : Uni.createFrom().<AgentAccounts>nullItem())
                .map(agent -> new Opened(walletAndRevenue.get(0), walletAndRevenue.get(1), agent)));
  }

  private static void check(OrderRefunded event, PaymentView payment) {
    if (payment == null) {
      throw new RefundRejectedException("Order " + event.orderId() + " was never paid here");
    }
    long markupTotal = payment.markupPerUnit() * payment.quantity();
    if (event.refundAmount() != payment.amount()
        || event.markupTotal() != markupTotal
        || !payment.currency().equals(event.currency())
        || !payment.soldBy().equals(event.soldBy())
        || payment.customerId() != event.customerId()) {
      LOG.errorf(
          "OrderRefunded for %s does not match its payment (%d %s, markup %d): not applied",
          event.orderId(), payment.amount(), payment.currency(), markupTotal);
      throw new RefundRejectedException(
          "OrderRefunded for " + event.orderId() + " does not match its payment");
    }
  }

  private record Opened(Account wallet, Account revenue, AgentAccounts agent) {}
}
