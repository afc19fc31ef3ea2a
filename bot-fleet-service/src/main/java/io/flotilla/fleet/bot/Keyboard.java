package io.flotilla.fleet.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An inline keyboard: rows of buttons, each with a label a person understands. */
public record Keyboard(List<List<Button>> rows) {

  public Keyboard {
    rows = rows.stream().filter(row -> !row.isEmpty()).map(List::copyOf).toList();
  }

  /** A button that sends typed data back to the bot. */
  public record Button(String label, String callbackData) {

    public static Button of(String label, CallbackData data) {
      return new Button(label, CallbackCodec.encode(data));
    }

    Map<String, Object> toJson() {
      return Map.of("text", label, "callback_data", callbackData);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public static Keyboard of(Button... oneRow) {
    return builder().row(oneRow).build();
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The Bot API's {@code reply_markup} object. */
  public Map<String, Object> toMarkup() {
    return Map.of(
        "inline_keyboard",
        rows.stream().map(row -> row.stream().map(Button::toJson).toList()).toList());
  }

  /** Builds rows left to right, top to bottom. */
  public static final class Builder {
    private final List<List<Button>> rows = new ArrayList<>();

    public Builder row(Button... buttons) {
      rows.add(List.of(buttons));
      return this;
    }

    public Builder row(List<Button> buttons) {
      rows.add(List.copyOf(buttons));
      return this;
    }

    /** Lays the buttons out {@code perRow} to a row. */
    public Builder grid(List<Button> buttons, int perRow) {
      for (int i = 0; i < buttons.size(); i += perRow) {
        rows.add(List.copyOf(buttons.subList(i, Math.min(buttons.size(), i + perRow))));
      }
      return this;
    }

    public Keyboard build() {
      return new Keyboard(rows);
    }
  }
}
