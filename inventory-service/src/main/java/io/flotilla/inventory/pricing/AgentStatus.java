package io.flotilla.inventory.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether an agent's shop takes orders. */
public enum AgentStatus {
  @JsonProperty("active")
  ACTIVE,
  @JsonProperty("paused")
  PAUSED
}
