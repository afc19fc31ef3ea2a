package io.flotilla.inventory.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An admin's refund of a completed order. */
public record RefundRequest(@NotBlank @Size(max = 500) String reason) {}
