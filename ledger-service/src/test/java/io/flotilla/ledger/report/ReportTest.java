package io.flotilla.ledger.report;

import static io.flotilla.ledger.support.LedgerApi.pay;
import static io.flotilla.ledger.support.LedgerApi.payment;
import static io.flotilla.ledger.support.LedgerApi.reconcile;
import static io.flotilla.ledger.support.LedgerApi.service;
import static io.flotilla.ledger.support.LedgerApi.topUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;

import io.flotilla.ledger.support.Db;
import io.flotilla.ledger.support.Ids;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
class ReportTest {

  @Inject Pool pool;

  @Test
  void aWalletStatementPagesNewestFirstWithRunningBalances() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    topUp("master", customer, 1_000, currency);
    List<String> orders = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      String order = Ids.order();
      orders.add(order);
      pay(payment(order, "master", "master", customer, 1, 100 * i, 0, currency))
          .then()
          .statusCode(201);
    }

    JsonPath first = statement(customer, currency, null, 3);
    JsonPath second = statement(customer, currency, first.getLong("next_before"), 3);

    assertThat(first.getLong("balance")).isEqualTo(0);
    assertThat(first.getList("items.reference", String.class))
        .containsExactly(orders.get(3), orders.get(2), orders.get(1));
    assertThat(first.getList("items.amount", Long.class)).containsExactly(-400L, -300L, -200L);
    assertThat(first.getList("items.balance_after", Long.class)).containsExactly(0L, 400L, 700L);
    assertThat(first.getList("items.kind", String.class)).containsOnly("payment");
    assertThat(second.getList("items.reference", String.class))
        .hasSize(2)
        .startsWith(orders.get(0));
    assertThat(second.getList("items.balance_after", Long.class)).containsExactly(900L, 1_000L);
    assertThat(second.getList("items.kind", String.class)).containsExactly("payment", "top_up");
    assertThat(second.get("next_before") == null).isTrue();
  }

  @Test
  void anAgentStatementShowsEachAccountAndRefusesUnknownOnes() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    long customer = Ids.customer();
    topUp(agent, customer, 1_000, currency);
    String order = Ids.order();
    pay(payment(order, agent, agent, customer, 1, 100, 25, currency)).then().statusCode(201);

    service()
        .queryParam("currency", currency)
        .queryParam("account", "pending")
        .get("/internal/agents/" + agent + "/statement")
        .then()
        .statusCode(200)
        .body("balance", equalTo(25))
        .body("items[0].reference", equalTo(order))
        .body("items[0].amount", equalTo(25))
        .body("next_before", nullValue());
    service()
        .queryParam("account", "everything")
        .get("/internal/agents/" + agent + "/statement")
        .then()
        .statusCode(400);
    service()
        .queryParam("limit", 0)
        .get("/internal/wallets/master/1/statement")
        .then()
        .statusCode(400);
    service()
        .queryParam("currency", "usdt")
        .get("/internal/wallets/master/1")
        .then()
        .statusCode(400);
    // A page far enough out overflowed page × limit into a negative offset: a 500 before.
    for (String list : List.of("/internal/top-ups", "/internal/withdrawals")) {
      service().queryParam("page", 50_000_000).get(list).then().statusCode(400);
    }
  }

  @Test
  void aCustomerWhoNeverToppedUpHasAZeroBalanceAndAnEmptyStatement() {
    long customer = Ids.customer();
    String shop = Ids.tenant();

    JsonPath wallet =
        service()
            .get("/internal/wallets/" + shop + "/" + customer)
            .then()
            .statusCode(200)
            .body("tenant_id", equalTo(shop))
            .body("currency", equalTo("USDT"))
            .body("balance", equalTo(0))
            .extract()
            .jsonPath();
    assertThat(wallet.getLong("customer_id")).isEqualTo(customer);
    service()
        .get("/internal/wallets/" + shop + "/" + customer + "/statement")
        .then()
        .statusCode(200)
        .body("account", equalTo("customer_wallet"))
        .body("currency", equalTo("USDT"))
        .body("balance", equalTo(0))
        .body("items", empty())
        .body("next_before", nullValue());
    assertThat(Db.count(pool, "select count(*) from account where owner_id = $1", shop)).isZero();
  }

  @Test
  void reconciliationRecomputesEveryBalanceAndFindsNothingWrong() {
    String currency = Ids.currency();
    topUp("master", Ids.customer(), 10, currency);

    reconcile()
        .then()
        .statusCode(200)
        .body("differences", empty())
        .body("entries", greaterThan(0))
        .body("accounts", greaterThan(0));
  }

  @Test
  void theDatabaseRefusesToRewriteTheBooks() {
    topUp("master", Ids.customer(), 10, Ids.currency());

    assertThatThrownBy(() -> execute("update entry set amount = amount + 1"))
        .hasMessageContaining("never changed or removed");
    assertThatThrownBy(() -> execute("delete from transfer"))
        .hasMessageContaining("never changed or removed");
    assertThatThrownBy(() -> execute("update account_balance set balance = balance + 1"))
        .hasMessageContaining("only through entries");
    assertThatThrownBy(
            () ->
                execute(
                    "with t as (insert into transfer (kind, reference, currency, created_at)"
                        + " select 'top_up', 'forged', currency, now() from account limit 1"
                        + " returning id, currency)"
                        + " insert into entry (transfer_id, account_id, slot, amount, currency)"
                        + " select t.id, a.id, 0, 5, t.currency from t join account a"
                        + " on a.currency = t.currency limit 1"))
        .hasMessageContaining("summing to zero");
    assertThatThrownBy(
            () ->
                execute(
                    "with t as (insert into transfer (kind, reference, currency, created_at)"
                        + " values ('top_up', 'other-currency', 'XXX', now()) returning id)"
                        + " insert into entry (transfer_id, account_id, slot, amount, currency)"
                        + " select t.id, a.id, 0, s.amount, 'XXX' from t,"
                        + " (select id from account where currency <> 'XXX' and slots = 1"
                        + " limit 1) a, (values (5), (-5)) s(amount)"))
        .hasMessageContaining("account of its currency");
    reconcile().then().statusCode(200).body("differences", empty());
  }

  private void execute(String sql) {
    pool.query(sql).execute().await().atMost(Duration.ofSeconds(10));
  }

  private static JsonPath statement(long customer, String currency, Long before, int limit) {
    var request = service().queryParam("currency", currency).queryParam("limit", limit);
    if (before != null) {
      request = request.queryParam("before", before);
    }
    return request
        .get("/internal/wallets/master/" + customer + "/statement")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
