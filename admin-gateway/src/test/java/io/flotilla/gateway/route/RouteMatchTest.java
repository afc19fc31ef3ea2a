package io.flotilla.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.platform.problem.ProblemException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteMatchTest {

  @Test
  void aLiteralSegmentWinsOverAnId() {
    RouteMatch list = RouteMatch.find(RouteTable.ROUTES, "GET", "/api/admin/bots/list");
    assertThat(list.internalPath()).isEqualTo("/internal/bots");
    RouteMatch one = RouteMatch.find(RouteTable.ROUTES, "GET", "/api/admin/bots/user:42");
    assertThat(one.internalPath()).isEqualTo("/internal/bots/user:42");
    assertThat(
            RouteMatch.find(RouteTable.ROUTES, "GET", "/api/admin/products/low-stock")
                .internalPath())
        .isEqualTo("/internal/products/low-stock");
  }

  @Test
  void idsAreSingleSafeSegmentsAndNumbersWhereTheyMustBe() {
    assertThatThrownBy(() -> RouteMatch.find(RouteTable.ROUTES, "GET", "/api/admin/orders/..%2Fx"))
        .isInstanceOfSatisfying(
            ProblemException.class, problem -> assertThat(problem.status()).isEqualTo(400));
    assertThatThrownBy(
            () -> RouteMatch.find(RouteTable.ROUTES, "DELETE", "/api/admin/platform-admins/4.2"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> assertThat(problem.properties()).containsEntry("field", "telegram_id"));
    assertThatThrownBy(
            () -> RouteMatch.find(RouteTable.ROUTES, "GET", "/api/admin/wallets/seven/abc"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> assertThat(problem.properties()).containsEntry("field", "customer_id"));
  }

  @Test
  void anUnknownPathIs404AndAnUnservedMethod405() {
    assertThatThrownBy(() -> RouteMatch.find(RouteTable.ROUTES, "GET", "/api/admin/nothing"))
        .isInstanceOfSatisfying(
            ProblemException.class, problem -> assertThat(problem.status()).isEqualTo(404));
    assertThatThrownBy(() -> RouteMatch.find(RouteTable.ROUTES, "DELETE", "/api/admin/agents"))
        .isInstanceOfSatisfying(
            ProblemException.class, problem -> assertThat(problem.status()).isEqualTo(405));
  }

  @Test
  void everyRouteIsNamedOnceAndItsInternalPathUsesOnlyItsIds() {
    Set<String> seen = new HashSet<>();
    for (Route route : RouteTable.ROUTES) {
      assertThat(seen.add(route.method() + " " + route.publicPath()))
          .as(route.publicPath())
          .isTrue();
      assertThat(route.internalPath()).startsWith("/internal/");
      String internal = route.internalPath();
      for (String parameter : route.parameters()) {
        internal = internal.replace("{" + parameter + "}", "x");
      }
      assertThat(internal).as(route.publicPath()).doesNotContain("{");
      assertThat(route.summary()).isNotBlank();
    }
  }
}
