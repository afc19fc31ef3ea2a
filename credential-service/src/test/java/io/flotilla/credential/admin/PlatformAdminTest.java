package io.flotilla.credential.admin;

import static io.flotilla.credential.testsupport.Internal.admin;
import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.credential.testsupport.Db;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class PlatformAdminTest {

  /** {@code flotilla.admins.telegram-ids} of the test profile. */
  private static final long CONFIGURED = 7_000_000_001L;

  private static final String PROBLEMS = "https://flotilla.dev/problems/";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void adminsAreAddedAndRemovedAndEveryChangeCarriesTheFullList() {
    long added = 100_000 + RANDOM.nextInt(1_000_000);
    api()
        .get("/internal/platform-admins")
        .then()
        .statusCode(200)
        .body("configured", equalTo(List.of(CONFIGURED, 7_000_000_002L)))
        .body("telegram_ids", hasItems(CONFIGURED, 7_000_000_002L))
        .body("telegram_ids", not(hasItem((int) added)));
    int events = Db.eventTypes("platform").size();

    admin("admin-p")
        .body(Map.of("telegram_id", added))
        .post("/internal/platform-admins")
        .then()
        .statusCode(201)
        .body("added", hasItem((int) added))
        .body("telegram_ids", hasItems((int) added, CONFIGURED, 7_000_000_002L));
    assertThat(Db.eventTypes("platform")).hasSize(events + 1).endsWith("PlatformAdminsChanged");
    List<Long> announced = ids(Db.payloads("platform", "PlatformAdminsChanged").getLast());
    assertThat(announced).contains(added, CONFIGURED, 7_000_000_002L).isSorted();
    assertThat(announced)
        .containsExactlyElementsOf(
            api().get("/internal/platform-admins").jsonPath().getList("telegram_ids", Long.class));
    api()
        .get("/internal/audit?target=tg:" + added)
        .then()
        .body("items[0].action", equalTo("platform-admin.add"))
        .body("items[0].admin_id", equalTo("admin-p"));

    Db.unchanged(
        () -> {
          admin("admin-p")
              .body(Map.of("telegram_id", added))
              .post("/internal/platform-admins")
              .then()
              .statusCode(200);
          admin("admin-p")
              .body(Map.of("telegram_id", CONFIGURED))
              .post("/internal/platform-admins")
              .then()
              .statusCode(200)
              .body("added", not(hasItem(CONFIGURED)));
          admin("admin-p")
              .delete("/internal/platform-admins/" + CONFIGURED)
              .then()
              .statusCode(409)
              .body("type", equalTo(PROBLEMS + "platform-admin-configured"))
              .body("detail", org.hamcrest.Matchers.containsString("FLOTILLA_ADMIN_TELEGRAM_IDS"));
        });

    admin("admin-p")
        .delete("/internal/platform-admins/" + added)
        .then()
        .statusCode(200)
        .body("telegram_ids", not(hasItem((int) added)))
        .body("telegram_ids", hasItem(CONFIGURED));
    assertThat(Db.eventTypes("platform")).hasSize(events + 2);
    assertThat(ids(Db.payloads("platform", "PlatformAdminsChanged").getLast()))
        .doesNotContain(added)
        .contains(CONFIGURED, 7_000_000_002L);
    api()
        .get("/internal/audit?target=tg:" + added)
        .then()
        .body("items.action", equalTo(List.of("platform-admin.remove", "platform-admin.add")));
  }

  @Test
  void badRequestsAreRefusedAndChangeNothing() {
    Db.unchanged(
        () -> {
          admin("admin-p").delete("/internal/platform-admins/424242").then().statusCode(404);
          admin("admin-p")
              .delete("/internal/platform-admins/abc")
              .then()
              .statusCode(400)
              .body("field", equalTo("telegram_id"));
          admin("admin-p").delete("/internal/platform-admins/-4").then().statusCode(400);
          api()
              .body(Map.of("telegram_id", 5))
              .post("/internal/platform-admins")
              .then()
              .statusCode(400)
              .body("field", equalTo("X-Flotilla-Admin"));
          api().delete("/internal/platform-admins/5").then().statusCode(400);
          for (Object bad : List.of(0, -3, "x")) {
            admin("admin-p")
                .body(Map.of("telegram_id", bad))
                .post("/internal/platform-admins")
                .then()
                .statusCode(400);
          }
          admin("admin-p").body(Map.of()).post("/internal/platform-admins").then().statusCode(400);
        });
  }

  private static List<Long> ids(JsonNode payload) {
    return StreamSupport.stream(payload.path("telegram_ids").spliterator(), false)
        .map(JsonNode::asLong)
        .toList();
  }
}
