package io.flotilla.credential.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a tenant may trade. Only agents are ever paused. */
public enum TenantStatus {
  @JsonProperty("active")
  ACTIVE,
  @JsonProperty("paused")
  PAUSED;

  public String wireName() {
    return name().toLowerCase();
  }
}
