package io.flotilla.credential.bot;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The lifecycle of a tenant's bot, as the API shows it (lowercase). */
public enum BotStatus {
  @JsonProperty("pending")
  PENDING,
  @JsonProperty("active")
  ACTIVE,
  @JsonProperty("suspended")
  SUSPENDED,
  @JsonProperty("rate_limited")
  RATE_LIMITED,
  @JsonProperty("error")
  ERROR,
  @JsonProperty("removed")
  REMOVED;

  public String wireName() {
    return name().toLowerCase();
  }
}
