package io.flotilla.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Money rules of the platform. */
@ConfigMapping(prefix = "flotilla.ledger")
public interface LedgerConfig {

  /** Currency of a request that names none; every account holds exactly one currency. */
  @WithDefault("USDT")
  String defaultCurrency();

  /** How long an agent's profit stays pending after the sale, unless the agent has its own. */
  @WithDefault("48h")
  Duration holdingWindow();

  /** Smallest withdrawal in minor units, unless the agent has its own minimum. */
  @WithDefault("1000")
  long minimumWithdrawal();

  /**
   * Largest amount one top-up request may ask for, in minor units (a billion of a 2-decimal
   * currency by default); larger is 422 {@code amount-too-large}.
   */
  @WithDefault("100000000000")
  long maxTopUpAmount();

  /**
   * Balance rows of an account every payment or top-up credits (platform revenue and cash-in, an
   * agent's pending profit), so that such an account is not one hot row; applies to new accounts.
   */
  @WithDefault("16")
  int hotAccountSlots();

  Maturity maturity();

  Payments payments();

  TopUp topUp();

  Stars stars();

  /** The job that moves due pending profit to available. */
  interface Maturity {

    /** How often the job runs ({@code off} disables it). */
    @WithDefault("60s")
    String every();

    /** Profit lots matured per transaction. */
    @WithDefault("2000")
    int batchSize();
  }

  /** Order payments. */
  interface Payments {

    /**
     * Most payments booked together in one statement. Payments that arrive while batches are in
     * flight wait and go together in the next one.
     */
    @WithDefault("64")
    int maxBatch();

    /** How many payment batches may run at once; each holds one pool connection. */
    @WithDefault("4")
    int batchesInFlight();
  }

  /** Customer top-ups. */
  interface TopUp {

    /**
     * Shared secret of the payment provider's callback (HMAC-SHA256 over the raw body); without it
     * every callback is refused.
     */
    Optional<String> callbackSecret();
  }

  /**
   * Top-ups paid in Telegram Stars. The rate is a fraction, {@code rate-minor-units} for every
   * {@code rate-stars} Stars (1 Star = 1.3 cents is 13 per 10), and an invoice's amount is rounded
   * down to the minor unit, so a customer is never credited more than their Stars buy.
   */
  interface Stars {

    /** Minor units of {@code currency} credited for every {@code rate-stars} Stars. */
    @WithDefault("13")
    long rateMinorUnits();

    /** How many Stars buy {@code rate-minor-units} minor units. */
    @WithDefault("10")
    long rateStars();

    /** Currency Stars top-ups credit; the default currency when unset. */
    Optional<String> currency();

    /** Fewest Stars one invoice may ask for. */
    @WithDefault("1")
    long minStars();

    /** Most Stars one invoice may ask for. */
    @WithDefault("10000")
    long maxStars();

    /** How long an invoice can pass Telegram's pre-checkout after it was created. */
    @WithDefault("15m")
    Duration invoiceValidity();
  }
}
