package io.flotilla.gateway;

import io.flotilla.gateway.auth.ApiTokens;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HexFormat;
import java.util.Map;

/**
 * The gateway as {@code ./flotilla up} starts it: only the bootstrap token's hash in its config.
 */
public class BootstrapAdminProfile implements QuarkusTestProfile {

  public static final String ADMIN_TOKEN = "flt_test-admin-token-0123456789abcdefghijklmnop";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "flotilla.gateway.bootstrap-admin-token-sha256",
        HexFormat.of().formatHex(ApiTokens.sha256(ADMIN_TOKEN)));
  }
}
