package io.flotilla.gateway.support;

import io.flotilla.gateway.BootstrapAdminProfile;
import java.util.HashMap;
import java.util.Map;

/** The gateway with its own login bot token configured, so tests can sign logins. */
public class SignInProfile extends BootstrapAdminProfile {

  public static final String LOGIN_BOT_TOKEN = "5550001:LOGIN-bot-token-AAAAAAAAAAAAAAAAAAAAAAA";

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
    overrides.put("flotilla.gateway.login-bot-token", LOGIN_BOT_TOKEN);
    overrides.put("flotilla.gateway.max-body-bytes", "65536");
    return overrides;
  }
}
