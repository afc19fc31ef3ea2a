package io.flotilla.credential.api;

import io.flotilla.platform.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Parses list filters, so a bad one is a 400 naming the parameter rather than a 404. */
public final class Filters {

  private Filters() {}

  /** The enum constant whose lower-case name is {@code value}; empty when no filter was given. */
  public static <E extends Enum<E>> Optional<E> enumFilter(
      String parameter, String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
        return Optional.of(constant);
      }
    }
    throw ProblemException.invalidField(
        parameter,
        "must be one of "
            + Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
  }
}
