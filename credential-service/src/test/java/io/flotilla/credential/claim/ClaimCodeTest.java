package io.flotilla.credential.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimCodeTest {

  @Test
  void codesCarryAtLeast128RandomBitsAndFitATelegramStartParameter() {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String code = ClaimCode.generate();
      assertThat(code).hasSize(32).matches(ClaimCode.SHAPE);
      assertThat(ClaimCode.startPayload(code)).matches("[A-Za-z0-9_-]{1,64}").startsWith("claim_");
      codes.add(code);
    }
    assertThat(codes).hasSize(10_000);
  }

  @Test
  void theStoredHashIsStableAndTellsCodesApart() {
    String code = ClaimCode.generate();
    assertThat(ClaimCode.hash(code)).hasSize(32).isEqualTo(ClaimCode.hash(code));
    assertThat(ClaimCode.hash(code)).isNotEqualTo(ClaimCode.hash(ClaimCode.generate()));
  }
}
