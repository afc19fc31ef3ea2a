package io.flotilla.fleet.bot;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a button asks for, as a typed record packed into Telegram's 64-byte callback_data by {@link
 * CallbackCodec}. It is only a hint of intent: whoever presses the button may have forged it, so a
 * handler re-checks on the server that this user may do what it says.
 */
public interface CallbackData {

  /** A short tag unique among the fleet's buttons, e.g. {@code @Tag("cp")}; lowercase letters. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface Tag {
    String value();
  }
}
