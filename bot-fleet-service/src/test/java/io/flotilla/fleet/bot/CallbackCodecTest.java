package io.flotilla.fleet.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.fleet.i18n.Language;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallbackCodecTest {

  @CallbackData.Tag("pg")
  record Page(UUID category, int page, Language language, boolean more) implements CallbackData {}

  @CallbackData.Tag("qty")
  record Quantity(UUID product, int quantity) implements CallbackData {
    Quantity {
      if (quantity <= 0) {
        throw new IllegalArgumentException("quantity");
      }
    }
  }

  @CallbackData.Tag("note")
  record Note(String text) implements CallbackData {}

  private final CallbackCodec codec = codec();

  @Test
  void typedDataFitsTelegramsSixtyFourBytesAndComesBack() {
    Page page =
        new Page(UUID.fromString("0190f1a2-7b3c-7def-8123-456789abcdef"), 12, Language.ZH, true);

    String encoded = CallbackCodec.encode(page);

    assertThat(encoded).startsWith("pg:").hasSizeLessThanOrEqualTo(64);
    assertThat(codec.decode(encoded)).contains(page);
  }

  @Test
  void forgedMalformedOrUnknownDataDecodesToNothing() {
    String valid = CallbackCodec.encode(new Quantity(UUID.randomUUID(), 2));
    assertThat(codec.decode(valid)).isPresent();

    assertThat(codec.decode(null)).isEmpty();
    assertThat(codec.decode("")).isEmpty();
    assertThat(codec.decode("zz:1")).isEmpty();
    assertThat(codec.decode("qty:1")).isEmpty();
    assertThat(codec.decode(valid + ":extra")).isEmpty();
    assertThat(codec.decode(valid.replace(":2", ":two"))).isEmpty();
    assertThat(codec.decode(valid.replace(":2", ":-3"))).isEmpty();
    assertThat(codec.decode("qty:not-a-uuid:2")).isEmpty();
    assertThat(codec.decode("pg:" + "A".repeat(22) + ":1:FR:1")).isEmpty();
    assertThat(codec.decode("qty:" + "A".repeat(70))).isEmpty();
  }

  @Test
  void dataThatCannotFitIsAProgrammingError() {
    assertThatThrownBy(() -> CallbackCodec.encode(new Note("x".repeat(60))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CallbackCodec.encode(new Note("a:b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTagIsUsedByOneTypeOnly() {
    @CallbackData.Tag("pg")
    record OtherPage(int page) implements CallbackData {}

    assertThatThrownBy(() -> codec.register(OtherPage.class))
        .isInstanceOf(IllegalStateException.class);
  }

  private static CallbackCodec codec() {
    CallbackCodec codec = new CallbackCodec();
    codec.register(Page.class);
    codec.register(Quantity.class);
    codec.register(Note.class);
    return codec;
  }
}
