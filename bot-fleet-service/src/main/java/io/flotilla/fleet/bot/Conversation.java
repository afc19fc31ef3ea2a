package io.flotilla.fleet.bot;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a person is in a conversation with a bot: the step's name and data, or none. {@code
 * version} is the stored row's (0 when there is no row), for optimistic updates.
 */
public record Conversation(String step, JsonNode data, int version) {

  public static Conversation none(int version) {
    return new Conversation(null, null, version);
  }

  public boolean isAt(Step<?> candidate) {
    return candidate.name().equals(step);
  }
}
