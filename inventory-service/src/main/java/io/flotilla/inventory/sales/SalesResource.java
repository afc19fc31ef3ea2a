package io.flotilla.inventory.sales;

import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sales per agent for the admin panel and the agents' own earnings views. */
@Path("/internal/sales")
@Tag(name = "sales")
public class SalesResource {

  private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

  private final SalesService sales;
  private final Clock clock;

  public SalesResource(SalesService sales, Clock clock) {
    this.sales = sales;
    this.clock = clock;
  }

  /**
   * Sales per shop completed in {@code [from, to)} (ISO-8601 instants; default: the last 30 days),
   * optionally for one shop ({@code sold_by}).
   */
  @GET
  @Path("/agents")
  public Uni<SalesReport> perAgent(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("sold_by") String soldBy) {
    Instant end = to == null ? clock.instant() : instant("to", to);
    Instant start = from == null ? end.minus(DEFAULT_PERIOD) : instant("from", from);
    if (!start.isBefore(end)) {
      throw ProblemException.invalidField("from", "must be before to");
    }
    return sales.report(start, end, soldBy == null || soldBy.isBlank() ? null : soldBy);
  }

  private static Instant instant(String field, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalidField(field, "must be an ISO-8601 instant");
    }
  }
}
