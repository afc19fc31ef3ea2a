package io.flotilla.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.gateway.signin.TelegramSignatures.Flow;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramSignaturesTest {

  private static final String TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";

  @Test
  void theDataCheckStringIsSortedKeyValueLinesWithoutTheHash() {
    assertThat(
            TelegramSignatures.dataCheckString(
                Map.of("username", "ann", "id", "42", "hash", "ff", "auth_date", "1700000000")))
        .isEqualTo("auth_date=1700000000\nid=42\nusername=ann");
  }

  @Test
  void theWidgetKeyIsTheTokensSha256AndTheMiniAppKeyAnHmacUnderWebAppData() throws Exception {
    assertThat(TelegramSignatures.secret(Flow.LOGIN_WIDGET, TOKEN))
        .isEqualTo(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
    var mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            "WebAppData".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(TelegramSignatures.secret(Flow.MINI_APP, TOKEN))
        .isEqualTo(mac.doFinal(TOKEN.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aSignatureHoldsOnlyForItsDataItsTokenAndItsFlow() {
    String data = "auth_date=1700000000\nid=42";
    String hash = TelegramSignatures.sign(Flow.LOGIN_WIDGET, TOKEN, data);
    assertThat(TelegramSignatures.valid(Flow.LOGIN_WIDGET, TOKEN, data, hash)).isTrue();
    assertThat(TelegramSignatures.valid(Flow.LOGIN_WIDGET, TOKEN, data, hash.toUpperCase()))
        .isTrue();
    assertThat(TelegramSignatures.valid(Flow.LOGIN_WIDGET, TOKEN, data + "1", hash)).isFalse();
    assertThat(TelegramSignatures.valid(Flow.LOGIN_WIDGET, TOKEN + "x", data, hash)).isFalse();
    assertThat(TelegramSignatures.valid(Flow.MINI_APP, TOKEN, data, hash)).isFalse();
    assertThat(TelegramSignatures.valid(Flow.LOGIN_WIDGET, TOKEN, data, "zz")).isFalse();
    assertThat(TelegramSignatures.valid(Flow.LOGIN_WIDGET, TOKEN, data, null)).isFalse();
    assertThat(HexFormat.of().parseHex(hash)).hasSize(32);
  }

  @Test
  void initDataValuesArePercentDecoded() {
    assertThat(SignInService.parseInitData("user=%7B%22id%22%3A1%7D&auth_date=5&hash=ab"))
        .containsEntry("user", "{\"id\":1}")
        .containsEntry("auth_date", "5");
  }
}
