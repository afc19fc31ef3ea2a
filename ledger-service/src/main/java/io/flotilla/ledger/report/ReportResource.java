package io.flotilla.ledger.report;

import io.flotilla.ledger.Currencies;
import io.flotilla.ledger.LedgerConfig;
import io.flotilla.ledger.book.AccountKey;
import io.flotilla.ledger.book.AccountKind;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What agents, customers and admins see about money. */
@Path("/internal")
@Tag(name = "balances")
public class ReportResource {

  private static final Map<String, AccountKind> AGENT_ACCOUNTS =
      Map.of(
          "pending", AccountKind.AGENT_PENDING,
          "available", AccountKind.AGENT_AVAILABLE,
          "held", AccountKind.AGENT_HELD,
          "withdrawn", AccountKind.AGENT_PAID_OUT,
          "receivable", AccountKind.AGENT_RECEIVABLE);

  private final Balances balances;
  private final ReconciliationService reconciliation;
  private final LedgerConfig config;

  public ReportResource(
      Balances balances, ReconciliationService reconciliation, LedgerConfig config) {
    this.balances = balances;
    this.reconciliation = reconciliation;
    this.config = config;
  }

  @GET
  @Path("/agents/{agentId}/balance")
  public Uni<AgentBalance> agentBalance(
      @PathParam("agentId") String agentId,
      @QueryParam("currency") @Pattern(regexp = Currencies.PATTERN, message = Currencies.MESSAGE)
          String currency) {
    return balances.agent(agentId, Currencies.orDefault(currency, config));
  }

  @GET
  @Path("/agents/{agentId}/statement")
  public Uni<Statement> agentStatement(
      @PathParam("agentId") String agentId,
      @QueryParam("account") @DefaultValue("available") String account,
      @QueryParam("currency") @Pattern(regexp = Currencies.PATTERN, message = Currencies.MESSAGE)
          String currency,
      @QueryParam("before") @Min(1) Long before,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    AccountKind kind = AGENT_ACCOUNTS.get(account);
    if (kind == null) {
      throw ProblemException.invalidField(
          "account", "must be pending, available, held, withdrawn or receivable");
    }
    return balances.statement(
        AccountKey.agent(kind, agentId, Currencies.orDefault(currency, config)), before, limit);
  }

  @GET
  @Path("/wallets/{tenantId}/{customerId}")
  public Uni<WalletBalance> walletBalance(
      @PathParam("tenantId") String tenantId,
      @PathParam("customerId") long customerId,
      @QueryParam("currency") @Pattern(regexp = Currencies.PATTERN, message = Currencies.MESSAGE)
          String currency) {
    return balances.wallet(tenantId, customerId, Currencies.orDefault(currency, config));
  }

  @GET
  @Path("/wallets/{tenantId}/{customerId}/statement")
  public Uni<Statement> walletStatement(
      @PathParam("tenantId") String tenantId,
      @PathParam("customerId") long customerId,
      @QueryParam("currency") @Pattern(regexp = Currencies.PATTERN, message = Currencies.MESSAGE)
          String currency,
      @QueryParam("before") @Min(1) Long before,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    return balances.statement(
        AccountKey.wallet(tenantId, customerId, Currencies.orDefault(currency, config)),
        before,
        limit);
  }

  @GET
  @Path("/platform/totals")
  public Uni<PlatformTotals> totals(
      @QueryParam("currency") @Pattern(regexp = Currencies.PATTERN, message = Currencies.MESSAGE)
          String currency) {
    return balances.totals(Currencies.orDefault(currency, config));
  }

  @GET
  @Path("/reconciliation")
  public Uni<Reconciliation> reconcile() {
    return reconciliation.reconcile();
  }
}
