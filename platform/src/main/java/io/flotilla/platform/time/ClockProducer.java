package io.flotilla.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** One clock for every service, replaceable in tests that move time. */
@ApplicationScoped
public class ClockProducer {

  @Produces
  @DefaultBean
  @ApplicationScoped
  Clock systemClock() {
    return Clock.systemUTC();
  }
}
