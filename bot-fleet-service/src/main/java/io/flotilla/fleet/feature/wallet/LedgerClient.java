package io.flotilla.fleet.feature.wallet;

import io.flotilla.platform.problem.RemoteProblemMapper;
import io.flotilla.platform.security.ServiceTokenClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The ledger's internal API as the shop bots use it: a customer's wallet in a shop, top-ups through
 * the central channel, and top-ups in Telegram Stars (terms, invoice, pre-checkout, payment).
 */
@Path("/internal")
@RegisterRestClient(configKey = "ledger")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(RemoteProblemMapper.class)
public interface LedgerClient {

  /** The wallet in the default currency; 0 for a customer who never topped up. */
  @GET
  @Path("/wallets/{tenantId}/{customerId}")
  Uni<WalletView> wallet(
      @PathParam("tenantId") String tenantId, @PathParam("customerId") long customerId);

  @GET
  @Path("/wallets/{tenantId}/{customerId}/statement")
  Uni<StatementView> statement(
      @PathParam("tenantId") String tenantId,
      @PathParam("customerId") long customerId,
      @QueryParam("limit") int limit);

  @POST
  @Path("/top-ups")
  Uni<TopUpView> topUp(TopUpRequest request);

  @GET
  @Path("/top-ups/stars/terms")
  Uni<StarsTermsView> starsTerms();

  @POST
  @Path("/top-ups/stars")
  Uni<TopUpView> starsInvoice(StarsInvoiceRequest request);

  /** 200 when Telegram may take the Stars; a problem says why not. Reads only. */
  @POST
  @Path("/top-ups/{topUpId}/pre-checkout")
  Uni<TopUpView> preCheckout(@PathParam("topUpId") UUID topUpId, PreCheckoutRequest request);

  /** Credits the top-up once per charge id; a repeat answers the credited top-up. */
  @POST
  @Path("/top-ups/{topUpId}/stars-payment")
  Uni<TopUpView> starsPayment(@PathParam("topUpId") UUID topUpId, StarsPaymentRequest request);

  /** A customer's money in one shop. */
  record WalletView(String tenantId, long customerId, String currency, long balance) {}

  /** The wallet's latest movements, newest first. */
  record StatementView(String currency, long balance, List<StatementLineView> items) {

    public StatementView {
      items = items == null ? List.of() : List.copyOf(items);
    }
  }

  /** One movement: {@code kind} is top_up, payment or refund; the amount is signed. */
  record StatementLineView(String kind, long amount, long balanceAfter, Instant at) {}

  /** A central-channel top-up of {@code amount} minor units. */
  record TopUpRequest(String tenantId, long customerId, long amount, String currency) {}

  /** A pending or credited top-up; {@code reference} is what the customer pays with. */
  record TopUpView(
      UUID topUpId,
      String reference,
      String tenantId,
      long customerId,
      long amount,
      String currency,
      String method,
      Long stars,
      String status) {}

  /** What Stars buy: {@code rateMinorUnits} of {@code currency} for every {@code rateStars}. */
  record StarsTermsView(
      long rateMinorUnits, long rateStars, String currency, long minStars, long maxStars) {

    /** What an invoice for these Stars credits, rounded down as the ledger rounds it. */
    public long credits(long stars) {
      return Math.multiplyExact(stars, rateMinorUnits) / rateStars;
    }
  }

  /** An invoice for this many Stars. */
  record StarsInvoiceRequest(String tenantId, long customerId, long stars) {}

  /** The payer and the Stars Telegram is about to take. */
  record PreCheckoutRequest(long customerId, long stars) {}

  /** The Stars Telegram took, named by its charge id. */
  record StarsPaymentRequest(String telegramPaymentChargeId, long customerId, long stars) {}
}
