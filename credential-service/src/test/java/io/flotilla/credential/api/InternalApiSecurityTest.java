package io.flotilla.credential.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.flotilla.credential.testsupport.InjectTelegram;
import io.flotilla.credential.testsupport.Internal;
import io.flotilla.credential.testsupport.TelegramFixture;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotHandle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The internal API answers only callers holding the service credential, by any spelling of path.
 */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class InternalApiSecurityTest {

  @InjectTelegram TelegramFixture telegram;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/internal/bots/serving",
        "/internal/bots",
        "/internal/agents",
        "/internal/audit",
        "/internal/keys",
        "/internal/user-bots/someone",
        "/internal/mtproto/user:someone/credentials",
        "/internal/platform-admins",
        "/internal/master/bot"
      })
  void everyInternalPathNeedsTheServiceToken(String path) {
    given()
        .get(path)
        .then()
        .statusCode(401)
        .body("type", equalTo("https://flotilla.dev/problems/unauthenticated"));
    given().header("Authorization", "Bearer not-the-token").get(path).then().statusCode(401);
    given().header("Authorization", Internal.SERVICE_TOKEN).get(path).then().statusCode(401);
  }

  @Test
  void noSpellingOfAPathReachesCredentialsWithoutTheToken() throws Exception {
    BotHandle bot = telegram.newBot();
    String user = Internal.uniqueId("sec");
    Internal.api()
        .body(Map.of("user_id", user, "bot_token", bot.token()))
        .post("/internal/user-bots")
        .then()
        .statusCode(201);
    String credentials = "/internal/bots/user:" + user + "/credentials";
    HttpClient client = HttpClient.newHttpClient();
    for (String path :
        List.of(
            credentials,
            "/" + credentials,
            "/./" + credentials.substring(1),
            "/x/.." + credentials,
            "/internal/./bots/user:" + user + "/credentials",
            "/internal//bots/user:" + user + "/credentials",
            "/%69nternal/bots/user:" + user + "/credentials",
            "/internal%2Fbots/user:" + user + "/credentials",
            "/INTERNAL/bots/user:" + user + "/credentials")) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isIn(400, 401, 404);
      assertThat(response.body()).as(path).doesNotContain(bot.token());
    }
  }
}
