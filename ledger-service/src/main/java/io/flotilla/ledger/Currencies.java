package io.flotilla.ledger;

/** Currency codes as the ledger accepts them: USDT, USD, EUR, TRX... */
public final class Currencies {

  public static final String PATTERN = "[A-Z][A-Z0-9]{2,9}";
  public static final String MESSAGE = "must be a currency code such as USDT";

  private Currencies() {}

  public static String orDefault(String currency, LedgerConfig config) {
    return currency == null || currency.isBlank() ? config.defaultCurrency() : currency;
  }
}
