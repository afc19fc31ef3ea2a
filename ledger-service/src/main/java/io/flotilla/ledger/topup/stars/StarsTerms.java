package io.flotilla.ledger.topup.stars;

/**
 * What a Stars top-up buys today: {@code rate_minor_units} minor units of {@code currency} for
 * every {@code rate_stars} Stars, rounded down to the minor unit; an invoice asks for {@code
 * min_stars} to {@code max_stars} Stars and passes pre-checkout for {@code
 * invoice_validity_seconds} after it was created.
 */
public record StarsTerms(
    long rateMinorUnits,
    long rateStars,
    String currency,
    long minStars,
    long maxStars,
    long invoiceValiditySeconds) {}
