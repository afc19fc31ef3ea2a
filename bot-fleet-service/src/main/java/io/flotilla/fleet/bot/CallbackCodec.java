package io.flotilla.fleet.bot;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Packs {@link CallbackData} records into callback_data and back: {@code tag:field:field}, UUIDs as
 * 22 base64url characters, enums by name. Encoding a record that does not fit 64 bytes is a
 * programming error and fails at once; decoding never throws: anything malformed, unknown or of the
 * wrong shape (a forged or outdated button) is empty, and the caller says the menu expired.
 */
public final class CallbackCodec {

  static final int MAX_BYTES = 64;
  private static final char SEPARATOR = ':';
  private static final Pattern TAG = Pattern.compile("[a-z][a-z0-9_]{0,7}");
  private static final Map<Class<?>, String> TAGS = new ConcurrentHashMap<>();

  private final Map<String, Class<? extends CallbackData>> types = new ConcurrentHashMap<>();

  /** Makes a record type decodable; its tag must be unique. */
  public void register(Class<? extends CallbackData> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " must be a record");
    }
    Class<? extends CallbackData> previous = types.putIfAbsent(tagOf(type), type);
    if (previous != null && previous != type) {
      throw new IllegalStateException(
          "callback tag " + tagOf(type) + " is used by " + previous + " and " + type);
    }
  }

  public static String encode(CallbackData data) {
    StringBuilder out = new StringBuilder(tagOf(data.getClass()));
    for (RecordComponent component : data.getClass().getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(data);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      out.append(SEPARATOR).append(encodeValue(value));
    }
    String encoded = out.toString();
    if (encoded.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "callback data of " + data.getClass().getSimpleName() + " exceeds 64 bytes");
    }
    return encoded;
  }

  public Optional<CallbackData> decode(String raw) {
    if (raw == null || raw.isEmpty() || raw.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Optional.empty();
    }
    String[] parts = raw.split(String.valueOf(SEPARATOR), -1);
    Class<? extends CallbackData> type = types.get(parts[0]);
    if (type == null) {
      return Optional.empty();
    }
    RecordComponent[] components = type.getRecordComponents();
    if (parts.length != components.length + 1) {
      return Optional.empty();
    }
    Object[] values = new Object[components.length];
    Class<?>[] classes = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        classes[i] = components[i].getType();
        values[i] = decodeValue(parts[i + 1], classes[i]);
      }
      Constructor<? extends CallbackData> constructor = type.getDeclaredConstructor(classes);
      constructor.setAccessible(true);
      return Optional.of(constructor.newInstance(values));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A forged value (bad number, unknown enum, a record constructor refusing it).
      return Optional.empty();
    }
  }

  private static String tagOf(Class<?> type) {
    return TAGS.computeIfAbsent(
        type,
        t -> {
          CallbackData.Tag tag = t.getAnnotation(CallbackData.Tag.class);
          if (tag == null || !TAG.matcher(tag.value()).matches()) {
            throw new IllegalArgumentException(
                t + " needs @CallbackData.Tag of 1-8 lowercase letters and digits");
          }
          return tag.value();
        });
  }

  private static String encodeValue(Object value) {
    return switch (value) {
      case null -> throw new IllegalArgumentException("callback fields cannot be null");
      case UUID uuid -> {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        yield Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
      }
      case Enum<?> constant -> constant.name();
      case Boolean flag -> flag ? "1" : "0";
      case Number number -> number.toString();
      case String text -> {
        if (text.indexOf(SEPARATOR) >= 0) {
          throw new IllegalArgumentException("callback text fields cannot contain ':'");
        }
        yield text;
      }
      default ->
          throw new IllegalArgumentException("unsupported callback field " + value.getClass());
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object decodeValue(String text, Class<?> type) {
    if (type == String.class) {
      return text;
    }
    if (type == int.class || type == Integer.class) {
      return Integer.parseInt(text);
    }
    if (type == long.class || type == Long.class) {
      return Long.parseLong(text);
    }
    if (type == boolean.class || type == Boolean.class) {
      return switch (text) {
        case "1" -> true;
        case "0" -> false;
        default -> throw new IllegalArgumentException("not a flag");
      };
    }
    if (type == UUID.class) {
      byte[] bytes = Base64.getUrlDecoder().decode(text);
      if (bytes.length != 16) {
        throw new IllegalArgumentException("not a UUID");
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      return new UUID(buffer.getLong(), buffer.getLong());
    }
    if (type.isEnum()) {
      return Enum.valueOf((Class<Enum>) type, text);
    }
    throw new IllegalArgumentException("unsupported callback field " + type);
  }
}
