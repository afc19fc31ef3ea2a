package io.flotilla.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the inventory service sells, prices, imports and recovers. */
@ConfigMapping(prefix = "flotilla.inventory")
public interface InventoryConfig {

  /**
   * The one currency the shop sells in; prices are in its minor units. The ledger keeps wallets per
   * currency and tops them up in USDT unless told otherwise.
   */
  @WithDefault("USDT")
  String currency();

  Orders orders();

  Recovery recovery();

  Pricing pricing();

  StockImport stockImport();

  /** Order limits and reservation lifetime. */
  interface Orders {

    /** Most items one order may buy, unless the product sets its own lower or higher limit. */
    @WithDefault("100")
    int maxQuantity();

    /**
     * How long a reservation waits for its payment to be confirmed before the recovery job asks the
     * ledger and completes or releases it. Keep it well above the ledger client's read timeout.
     */
    @WithDefault("60s")
    Duration reservationTimeout();

    /**
     * Most orders reserved together in one transaction, whatever their products. Orders arriving
     * while a reservation is in flight wait and go together in the next one.
     */
    @WithDefault("64")
    int maxReservationBatch();

    /**
     * Most paid orders completed together in one transaction. Orders paid while completions are in
     * flight wait and go together in the next one.
     */
    @WithDefault("64")
    int maxCompletionBatch();

    /** How many completion transactions may run at once; each holds one pool connection. */
    @WithDefault("2")
    int completionBatchesInFlight();

    /**
     * Most orders paid by one call of the ledger's batch route (at most 500, the ledger's limit).
     * Orders reserved while payment calls are in flight wait and go together in the next one.
     */
    @WithDefault("64")
    int maxPaymentBatch();

    /** How many payment calls to the ledger may be in flight at once. */
    @WithDefault("4")
    int paymentBatchesInFlight();

    /**
     * How long the terms of an order (product, agent, override) are reused for the next orders of
     * the same shop and product; a change made through another replica reaches orders within it.
     * {@code 0s} reads them for every order.
     */
    @WithDefault("2s")
    Duration termsCacheTtl();
  }

  /** The job that settles orders left half-way. */
  interface Recovery {

    /** How often expired reservations are settled. */
    @WithDefault("10s")
    Duration interval();

    /** Expired reservations settled per run. */
    @WithDefault("100")
    int batchSize();

    /**
     * How long after releasing an expired reservation the ledger is asked once more, so a payment
     * that reached it late is refunded rather than kept without delivery.
     */
    @WithDefault("10m")
    Duration recheckAfter();
  }

  /** Markup bounds an agent has before the admin sets any (AgentPricingChanged). */
  interface Pricing {

    /** Highest percent markup, in basis points (10000 = 100 %). */
    @WithDefault("10000")
    long defaultMaxPercentBasisPoints();

    /** Highest fixed markup per item, in minor units. */
    @WithDefault("100000")
    long defaultMaxFixedMinor();
  }

  /** Limits of one stock import. */
  interface StockImport {

    /** Lines one upload may have (blank lines count). */
    @WithDefault("100000")
    int maxLines();

    /** Longest item, in characters. */
    @WithDefault("512")
    int maxItemLength();

    /** Lines written to the database per statement. */
    @WithDefault("1000")
    int batchSize();

    /** Bad lines listed in a refusal; the refusal still counts them all. */
    @WithDefault("100")
    int maxReportedErrors();
  }
}
