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
   * Balance rows of an account every payment or top-up credits (platform revenue and cash-in, an
   * agent's pending profit), so that such an account is not one hot row; applies to new accounts.
   */
  @WithDefault("16")
  int hotAccountSlots();

  Maturity maturity();

  Payments payments();

  TopUp topUp();

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
}
