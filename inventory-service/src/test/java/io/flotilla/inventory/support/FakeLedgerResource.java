package io.flotilla.inventory.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the {@link FakeLedger} for the test run and points the ledger client at it. */
public class FakeLedgerResource implements QuarkusTestResourceLifecycleManager {

  static final String SERVICE_TOKEN = "test-service-token";

  private static volatile FakeLedger ledger;

  /** The running fake ledger. */
  public static FakeLedger ledger() {
    return ledger;
  }

  @Override
  public Map<String, String> start() {
    ledger = FakeLedger.start(SERVICE_TOKEN);
    return Map.of("flotilla.ledger.url", ledger.url());
  }

  @Override
  public void stop() {
    if (ledger != null) {
      ledger.close();
    }
  }
}
