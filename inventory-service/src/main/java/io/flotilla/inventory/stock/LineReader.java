package io.flotilla.inventory.stock;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ({@code \n} or {@code \r\n}) without ever holding more than {@code maxLength + 1}
 * characters of one, so a huge line cannot exhaust memory: the rest of an over-long line is skipped
 * and the line is flagged.
 */
final class LineReader {

  /** One physical line; {@code text} is cut at {@code maxLength + 1} characters when too long. */
  record Line(int number, String text, boolean tooLong) {}

  private final Reader reader;
  private final int maxLength;
  private final StringBuilder buffer;
  private final char[] chunk = new char[8192];
  private int chunkLength;
  private int chunkPosition;
  private int lineNumber;

  LineReader(Reader reader, int maxLength) {
    this.reader = reader;
    this.maxLength = maxLength;
    this.buffer = new StringBuilder(Math.min(maxLength + 1, 1024));
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    buffer.setLength(0);
    boolean tooLong = false;
    boolean sawAnything = false;
    while (true) {
      if (chunkPosition == chunkLength) {
        chunkLength = reader.read(chunk);
        chunkPosition = 0;
        if (chunkLength <= 0) {
          chunkLength = 0;
          return sawAnything ? line(tooLong) : null;
        }
      }
      char c = chunk[chunkPosition++];
      sawAnything = true;
      if (c == '\n') {
        return line(tooLong);
      }
      if (buffer.length() <= maxLength) {
        buffer.append(c);
      } else {
        tooLong = true;
      }
    }
  }

  private Line line(boolean tooLong) {
    int end = buffer.length();
    if (end > 0 && buffer.charAt(end - 1) == '\r') {
      buffer.setLength(end - 1);
    }
    lineNumber++;
    return new Line(lineNumber, buffer.toString(), tooLong || buffer.length() > maxLength);
  }
}
