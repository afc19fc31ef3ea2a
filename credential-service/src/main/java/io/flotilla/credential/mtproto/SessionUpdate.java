package io.flotilla.credential.mtproto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Session material the fleet's TDLib client wants kept across restarts. */
public record SessionUpdate(@NotBlank @Size(max = 65_536) String session) {

  @Override
  public String toString() {
    return "SessionUpdate[session=***]";
  }
}
