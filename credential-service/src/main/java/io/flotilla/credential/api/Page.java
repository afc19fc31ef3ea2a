package io.flotilla.credential.api;

import java.util.List;

/** One page of a list, with the total so callers can page on. Pages count from 1. */
public record Page<T>(List<T> items, int page, int limit, long total) {

  /** The offset of the first item of a page. */
  public static int offset(int page, int limit) {
    return (page - 1) * limit;
  }
}
