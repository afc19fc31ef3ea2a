package io.flotilla.gateway.signin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the Telegram Login Widget hands the page after a person confirmed, passed on unchanged. */
public record LoginWidgetRequest(
    @NotNull @Positive Long id,
    @Size(max = 256) String firstName,
    @Size(max = 256) String lastName,
    @Size(max = 64) String username,
    @Size(max = 2048) String photoUrl,
    @NotNull @Positive Long authDate,
    @NotBlank @Size(max = 128) String hash) {

  /** The fields Telegram signed, by their wire names; absent ones are not part of the data. */
  public Map<String, String> signedFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", Long.toString(id));
    putPresent(fields, "first_name", firstName);
    putPresent(fields, "last_name", lastName);
    putPresent(fields, "username", username);
    putPresent(fields, "photo_url", photoUrl);
    fields.put("auth_date", Long.toString(authDate));
    return fields;
  }

  private static void putPresent(Map<String, String> fields, String name, String value) {
    if (value != null) {
      fields.put(name, value);
    }
  }
}
