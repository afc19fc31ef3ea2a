package io.flotilla.ledger.topup.stars;

import io.flotilla.ledger.Currencies;
import io.flotilla.ledger.LedgerConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The operator's Stars rate and limits, checked when the service starts: a rate that would credit
 * nothing for the smallest invoice, or overflow for the largest, is a configuration error, not a
 * refusal a customer should meet.
 */
@Startup
@ApplicationScoped
public class StarsRate {

  private final StarsTerms terms;
  private final Duration invoiceValidity;

  public StarsRate(LedgerConfig config) {
    LedgerConfig.Stars stars = config.stars();
    this.invoiceValidity = stars.invoiceValidity();
    this.terms =
        new StarsTerms(
            stars.rateMinorUnits(),
            stars.rateStars(),
            Currencies.orDefault(stars.currency().orElse(null), config),
            stars.minStars(),
            stars.maxStars(),
            invoiceValidity.toSeconds());
    if (terms.rateMinorUnits() < 1 || terms.rateStars() < 1) {
      throw misconfigured("rate-minor-units and rate-stars must be 1 or more");
    }
    if (terms.minStars() < 1 || terms.maxStars() < terms.minStars()) {
      throw misconfigured("needs 1 <= min-stars <= max-stars");
    }
    if (!terms.currency().matches(Currencies.PATTERN)) {
      throw misconfigured("currency " + Currencies.MESSAGE);
    }
    if (terms.invoiceValiditySeconds() < 1) {
      throw misconfigured("invoice-validity must be a second or more");
    }
    try {
      Math.multiplyExact(terms.maxStars(), terms.rateMinorUnits());
    } catch (ArithmeticException overflow) {
      throw misconfigured("max-stars at this rate overflows a 64-bit amount");
    }
    if (amountFor(terms.minStars()) < 1) {
      throw misconfigured("min-stars would credit nothing at this rate");
    }
  }

  /** Minor units credited for {@code stars} Stars: the rate's fraction, rounded down. */
  public long amountFor(long stars) {
    return stars * terms.rateMinorUnits() / terms.rateStars();
  }

  /** Whether one invoice may ask for this many Stars. */
  public boolean allows(long stars) {
    return stars >= terms.minStars() && stars <= terms.maxStars();
  }

  public StarsTerms terms() {
    return terms;
  }

  public Duration invoiceValidity() {
    return invoiceValidity;
  }

  private static IllegalStateException misconfigured(String problem) {
    return new IllegalStateException("flotilla.ledger.stars: " + problem);
  }
}
