package io.flotilla.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** How another service's problem body, or a batch item's, becomes a problem here. */
class RemoteProblemMapperTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aProblemKeepsItsTypeDetailAndExtensions() {
    ObjectNode body =
        json.createObjectNode()
            .put("type", ProblemMapper.TYPE_BASE + "insufficient-funds")
            .put("title", "Insufficient funds")
            .put("status", 422)
            .put("detail", "The wallet balance does not cover 700 USDT")
            .put("amount", 700);

    ProblemException problem = RemoteProblemMapper.fromBody(422, body);

    assertThat(problem.status()).isEqualTo(422);
    assertThat(problem.slug()).isEqualTo("insufficient-funds");
    assertThat(problem.getMessage()).isEqualTo("The wallet balance does not cover 700 USDT");
    assertThat(problem.properties()).containsEntry("amount", 700).doesNotContainKey("status");
  }

  @Test
  void aMissingOrForeignBodyIsNamedByItsStatus() {
    assertThat(RemoteProblemMapper.fromBody(404, null).slug()).isEqualTo("http-404");
    assertThat(
            RemoteProblemMapper.fromBody(400, json.createObjectNode().put("type", "about:blank"))
                .slug())
        .isEqualTo("http-400");
  }

  @Test
  void anotherServicesFailureIsNotPassedOn() {
    ObjectNode internal =
        json.createObjectNode()
            .put("type", ProblemMapper.TYPE_BASE + "internal-error")
            .put("detail", "The request could not be completed");

    ProblemException problem = RemoteProblemMapper.fromBody(500, internal);

    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.slug()).isEqualTo("dependency-failed");
  }
}
