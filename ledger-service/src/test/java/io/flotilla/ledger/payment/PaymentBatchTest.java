package io.flotilla.ledger.payment;

import static io.flotilla.ledger.support.LedgerApi.agentBalance;
import static io.flotilla.ledger.support.LedgerApi.pay;
import static io.flotilla.ledger.support.LedgerApi.payment;
import static io.flotilla.ledger.support.LedgerApi.reconcile;
import static io.flotilla.ledger.support.LedgerApi.topUp;
import static io.flotilla.ledger.support.LedgerApi.walletBalance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

import io.flotilla.ledger.LedgerTime;
import io.flotilla.ledger.book.Account;
import io.flotilla.ledger.book.AccountKey;
import io.flotilla.ledger.book.AccountKind;
import io.flotilla.ledger.book.Accounts;
import io.flotilla.ledger.book.Leg;
import io.flotilla.ledger.support.Db;
import io.flotilla.ledger.support.Ids;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What one batch statement books and what it leaves to the one-payment path. */
@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
class PaymentBatchTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final long HOLDING_SECONDS = 3_600;

  @Inject Pool pool;
  @Inject Accounts accounts;
  @Inject PaymentRepository payments;
  @Inject Clock clock;

  private record Shop(String agent, long customer, String currency, Account wallet) {}

  private Shop shopWithWallet(long funds) {
    String agent = Ids.agent();
    long customer = Ids.customer();
    String currency = Ids.currency();
    topUp(agent, customer, funds, currency).then().statusCode(200);
    Account wallet =
        accounts.find(AccountKey.wallet(agent, customer, currency)).await().atMost(WAIT);
    return new Shop(agent, customer, currency, wallet);
  }

  /** An agent sale of one item at {@code base} plus {@code markup}, ready for a batch. */
  private Charge charge(Shop shop, String orderId, long base, long markup) {
    PaymentRequest request =
        new PaymentRequest(
            orderId,
            shop.agent(),
            shop.agent(),
            shop.customer(),
            1,
            base,
            base + markup,
            markup,
            shop.currency());
    Priced priced = Priced.of(request, shop.currency());
    List<Account> credited =
        accounts
            .open(
                List.of(
                    AccountKey.platform(AccountKind.PLATFORM_REVENUE, shop.currency()),
                    AccountKey.agent(AccountKind.AGENT_PENDING, shop.agent(), shop.currency())))
            .await()
            .atMost(WAIT);
    List<Leg> credits = new ArrayList<>();
    credits.add(Leg.spread(credited.get(0), orderId, base));
    if (markup > 0) {
      credits.add(Leg.spread(credited.get(1), orderId, markup));
    }
    return new Charge(
        UUID.randomUUID(), request, priced, shop.wallet().id(), credits, LedgerTime.now(clock));
  }

  private List<Optional<PaymentResult>> book(List<Charge> charges) {
    return payments.chargeBatch(pool, charges, HOLDING_SECONDS).await().atMost(WAIT);
  }

  @Test
  void aWalletPaysItsBatchInOrderWhileTheRunningTotalIsCovered() {
    Shop shop = shopWithWallet(1_000);
    Shop other = shopWithWallet(500);
    List<Charge> charges =
        List.of(
            charge(shop, Ids.order(), 500, 100),
            charge(other, Ids.order(), 300, 0),
            charge(shop, Ids.order(), 300, 150),
            charge(shop, Ids.order(), 5, 0),
            charge(other, Ids.order(), 150, 50));

    List<Optional<PaymentResult>> results = book(charges);

    assertThat(results.get(0)).hasValueSatisfying(paid -> assertPaid(paid, charges.get(0), 400));
    assertThat(results.get(1)).hasValueSatisfying(paid -> assertPaid(paid, charges.get(1), 200));
    assertThat(results.get(2)).as("600 + 450 is more than 1,000").isEmpty();
    assertThat(results.get(3)).as("behind a payment the batch left out").isEmpty();
    assertThat(results.get(4)).hasValueSatisfying(paid -> assertPaid(paid, charges.get(4), 0));
    assertThat(walletBalance(shop.agent(), shop.customer(), shop.currency())).isEqualTo(400);
    assertThat(walletBalance(other.agent(), other.customer(), other.currency())).isZero();
    assertThat(agentBalance(shop.agent(), shop.currency())).containsEntry("pending", 100);
    assertThat(agentBalance(other.agent(), other.currency())).containsEntry("pending", 50);
    assertThat(
            Db.count(
                pool,
                "select count(*) from profit_lot where order_id = any($1)",
                (Object) charges.stream().map(c -> c.request().orderId()).toArray(String[]::new)))
        .as("lots only for paid orders with markup")
        .isEqualTo(2);
    reconcile().then().statusCode(200).body("differences", empty());
  }

  @Test
  void ordersPaidBeforeAreLeftToTheReplayPath() {
    Shop shop = shopWithWallet(1_000);
    String paidBefore = Ids.order();
    pay(payment(
            paidBefore, shop.agent(), shop.agent(), shop.customer(), 1, 100, 20, shop.currency()))
        .then()
        .statusCode(201);
    Charge again = charge(shop, paidBefore, 100, 20);
    Charge fresh = charge(shop, Ids.order(), 100, 20);

    List<Optional<PaymentResult>> results = book(List.of(again, fresh));

    assertThat(results.get(0)).isEmpty();
    assertThat(results.get(1)).hasValueSatisfying(paid -> assertPaid(paid, fresh, 760));
    assertThat(walletBalance(shop.agent(), shop.customer(), shop.currency())).isEqualTo(760);
    pay(payment(
            paidBefore, shop.agent(), shop.agent(), shop.customer(), 1, 100, 20, shop.currency()))
        .then()
        .statusCode(200);
    reconcile().then().statusCode(200).body("differences", empty());
  }

  private static void assertPaid(PaymentResult paid, Charge charge, long walletBalanceAfter) {
    assertThat(paid.orderId()).isEqualTo(charge.request().orderId());
    assertThat(paid.paymentId()).isEqualTo(charge.paymentId());
    assertThat(paid.amount()).isEqualTo(charge.priced().amount());
    assertThat(paid.walletBalanceAfter()).isEqualTo(walletBalanceAfter);
    if (charge.priced().markupTotal() > 0) {
      assertThat(paid.maturesAt()).isEqualTo(charge.paidAt().plusSeconds(HOLDING_SECONDS));
    } else {
      assertThat(paid.maturesAt()).isNull();
    }
  }
}
