package io.flotilla.credential.audit;

import static io.flotilla.credential.testsupport.Internal.admin;
import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.flotilla.credential.testsupport.Db;
import io.flotilla.credential.testsupport.InjectTelegram;
import io.flotilla.credential.testsupport.Internal;
import io.flotilla.credential.testsupport.TelegramFixture;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class AuditTest {

  @InjectTelegram TelegramFixture telegram;

  @Test
  void everyAdminActionIsListedNewestFirstAndFilterable() {
    String user = Internal.uniqueId("audit");
    String tenant = "user:" + user;
    String adminId = Internal.uniqueId("admin-");
    api()
        .body(Map.of("user_id", user, "bot_token", telegram.newBot().token()))
        .post("/internal/user-bots")
        .then()
        .statusCode(201);
    api().post("/internal/user-bots/" + user + "/verify").then().statusCode(200);

    admin(adminId).post("/internal/bots/" + tenant + "/access").then().statusCode(200);
    admin(adminId)
        .body(Map.of("reason", "review"))
        .patch("/internal/bots/" + tenant + "/suspend")
        .then()
        .statusCode(200);
    admin(adminId)
        .body(Map.of("requests_per_second", 3, "max_concurrent_requests", 2))
        .patch("/internal/bots/" + tenant + "/rate-limit")
        .then()
        .statusCode(200);
    admin(adminId).patch("/internal/bots/" + tenant + "/activate").then().statusCode(200);
    admin("someone-else").post("/internal/bots/" + tenant + "/access").then().statusCode(200);

    api()
        .get("/internal/audit?admin_id=" + adminId)
        .then()
        .statusCode(200)
        .body("total", equalTo(4))
        .body(
            "items.action",
            equalTo(List.of("bot.activate", "bot.rate-limit", "bot.suspend", "bot.access")))
        .body("items.target", everyItem(equalTo(tenant)))
        .body("items[1].details.requests_per_second", equalTo(3))
        .body("items[1].details.from_requests_per_second", equalTo(25))
        .body("items[2].details.reason", equalTo("review"));
    api()
        .get("/internal/audit?target=" + tenant + "&action=bot.access")
        .then()
        .body("items.admin_id", equalTo(List.of("someone-else", adminId)));
    api()
        .get("/internal/audit?admin_id=" + adminId + "&page=2&limit=3")
        .then()
        .body("items", hasSize(1))
        .body("items[0].action", equalTo("bot.access"))
        .body("page", equalTo(2))
        .body("total", equalTo(4));
    api()
        .get("/internal/audit?admin_id=nobody-at-all")
        .then()
        .body("items", hasSize(0))
        .body("total", equalTo(0));
  }

  @Test
  void theAuditLogIsAppendOnlyInTheDatabase() throws Exception {
    admin("append-only")
        .post("/internal/bots/" + registeredTenant() + "/access")
        .then()
        .statusCode(200);
    long before = Db.count("select count(*) from audit_entry");
    for (String sql :
        List.of(
            "update audit_entry set admin_id = 'forged'",
            "delete from audit_entry",
            "truncate audit_entry")) {
      try (Connection connection = Db.connect();
          Statement statement = connection.createStatement()) {
        assertThatThrownBy(() -> statement.execute(sql))
            .as(sql)
            .hasMessageContaining("append-only");
      }
    }
    assertThat(Db.count("select count(*) from audit_entry")).isEqualTo(before);
    assertThat(Db.count("select count(*) from audit_entry where admin_id = 'forged'")).isZero();
  }

  private String registeredTenant() {
    String user = Internal.uniqueId("audit");
    api()
        .body(Map.of("user_id", user, "bot_token", telegram.newBot().token()))
        .post("/internal/user-bots")
        .then()
        .statusCode(201);
    return "user:" + user;
  }
}
