package io.flotilla.ledger.payment;

import io.flotilla.ledger.Currencies;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * inventory-service asks to charge a customer's wallet for an order. Prices are per item in minor
 * units; {@code sold_by} is {@code master} or the agent whose shop sold it.
 */
public record PaymentRequest(
    @NotBlank @Size(max = 64) String orderId,
    @NotBlank @Size(max = 64) String tenantId,
    @NotBlank @Size(max = 64) String soldBy,
    @NotNull @Positive Long customerId,
    @NotNull @Min(1) @Max(1_000_000) Integer quantity,
    @NotNull @Min(0) Long baseUnitPrice,
    @NotNull @Min(1) Long agentUnitPrice,
    @NotNull @Min(0) Long markupPerUnit,
    @Pattern(regexp = Currencies.PATTERN, message = Currencies.MESSAGE) String currency) {

  /** The seller name of the operator's own shop; its sales carry no markup. */
  public static final String MASTER = "master";

  public boolean soldByAgent() {
    return !MASTER.equals(soldBy);
  }
}
