package io.flotilla.inventory.stock;

import java.util.UUID;

/** An accepted upload: items added, blank lines skipped, and the product's stock after it. */
public record ImportResult(
    UUID productId, long imported, long blankLines, long total, long available) {}
