package io.flotilla.fleet.feature.agent;

import io.flotilla.platform.problem.RemoteProblemMapper;
import io.flotilla.platform.security.ServiceTokenClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The inventory's sales report, for one agent's shop. */
@Path("/internal/sales/agents")
@RegisterRestClient(configKey = "inventory")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(RemoteProblemMapper.class)
public interface AgentSalesClient {

  /** Orders completed in [from, to) (ISO-8601 instants) by the shop {@code soldBy}. */
  @GET
  Uni<SalesView> sales(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("sold_by") String soldBy);

  record SalesView(String currency, List<SellerView> sellers) {

    public SalesView {
      sellers = sellers == null ? List.of() : List.copyOf(sellers);
    }
  }

  /** One shop's completed orders, its markup earned, refunds counted apart. */
  record SellerView(String soldBy, long orders, long quantity, long revenue, long markupTotal) {}
}
