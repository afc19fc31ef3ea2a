package io.flotilla.gateway.route;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.flotilla.gateway.BootstrapAdminProfile;
import io.flotilla.gateway.auth.SessionCookies;
import io.flotilla.gateway.support.FakeServices;
import io.flotilla.gateway.support.Logins;
import io.flotilla.gateway.support.Logins.Browser;
import io.flotilla.gateway.support.SignInProfile;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every route of the table: reached by an admin, refused to a person, size-limited. */
@QuarkusTest
@TestProfile(SignInProfile.class)
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "gateway_routes"))
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class RouteTableTest {

  private static final AtomicLong NEXT_ID = new AtomicLong(3_000_000 + System.nanoTime() % 1000);

  @BeforeEach
  void reset() {
    FakeServices.reset();
  }

  private static String examplePath(String template) {
    return template
        .replace("{telegramId}", "42")
        .replace("{customerId}", "42")
        .replaceAll("\\{[A-Za-z]+}", "id-1");
  }

  private static RequestSpecification withBody(RequestSpecification request, Route route) {
    return switch (route.body()) {
      case JSON -> request.contentType("application/json").body("{\"a\":1}");
      case TEXT -> request.contentType("text/plain").body("code-1\ncode-2\n");
      case NONE -> request;
    };
  }

  @Test
  void anAdminReachesExactlyEachRoutesInternalEndpointAsThemselves() {
    for (Route route : RouteTable.ROUTES) {
      FakeServices.RECEIVED.clear();
      String path = examplePath(route.publicPath());
      withBody(given().auth().oauth2(BootstrapAdminProfile.ADMIN_TOKEN), route)
          .when()
          .request(route.method(), path + "?page=2");
      assertThat(FakeServices.RECEIVED).as(route.method() + " " + path).hasSize(1);
      FakeServices.Received received = FakeServices.RECEIVED.getFirst();
      assertThat(received.method()).isEqualTo(route.method());
      assertThat(received.path())
          .isEqualTo(
              route
                  .internalPath()
                  .replace("{telegramId}", "42")
                  .replace("{customerId}", "42")
                  .replaceAll("\\{[A-Za-z]+}", "id-1"));
      assertThat(received.headers())
          .containsEntry("x-flotilla-admin", "bootstrap-admin")
          .doesNotContainKey("x-flotilla-user");
      if (route.body() != Route.Body.NONE) {
        assertThat(received.body()).isNotEmpty();
      }
    }
  }

  @Test
  void aPersonIsRefusedEveryAdminRouteAndNothingIsForwarded() {
    Browser person = Logins.signIn(NEXT_ID.incrementAndGet());
    for (Route route : RouteTable.ROUTES) {
      withBody(
              given()
                  .cookie(SessionCookies.SESSION, person.session())
                  .header(SessionCookies.CSRF_HEADER, person.csrf()),
              route)
          .when()
          .request(route.method(), examplePath(route.publicPath()))
          .then()
          .statusCode(403)
          .contentType(startsWith("application/problem+json"));
    }
    assertThat(FakeServices.RECEIVED)
        .noneMatch(received -> !received.path().equals("/internal/platform-admins"));
  }

  @Test
  void aBodyBeyondTheLimitIs413BeforeAnythingIsForwarded() {
    String big = "{\"reason\":\"" + "x".repeat(70_000) + "\"}";
    given()
        .auth()
        .oauth2(BootstrapAdminProfile.ADMIN_TOKEN)
        .contentType("application/json")
        .body(big)
        .when()
        .post("/api/admin/agents/a1/pause")
        .then()
        .statusCode(413)
        .contentType(startsWith("application/problem+json"))
        .body("type", endsWith("/body-too-large"))
        .body("max_bytes", equalTo(65536));
    given()
        .contentType("application/json")
        .body(big)
        .when()
        .post("/api/auth/telegram/login-widget")
        .then()
        .statusCode(413);
    given()
        .auth()
        .oauth2(BootstrapAdminProfile.ADMIN_TOKEN)
        .contentType("text/plain")
        .body("code\n".repeat(20_000))
        .when()
        .post("/api/admin/products/p1/stock/import")
        .then()
        .statusCode(404); // the fake has no inventory: the import was let through
    assertThat(FakeServices.RECEIVED)
        .extracting(FakeServices.Received::path)
        .containsExactly("/internal/products/p1/stock/import");
  }
}
