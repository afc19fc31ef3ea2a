package io.flotilla.fleet.feature.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.fleet.feature.shop.CatalogModule.Page;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTest {

  private static final List<Integer> SEVENTEEN = IntStream.range(0, 17).boxed().toList();

  @Test
  void aPageHoldsEightAndKnowsItsNeighbours() {
    Page<Integer> middle = Page.of(SEVENTEEN, 1);

    assertThat(middle.items()).containsExactly(8, 9, 10, 11, 12, 13, 14, 15);
    assertThat(middle.hasPrevious()).isTrue();
    assertThat(middle.hasNext()).isTrue();
    assertThat(Page.of(SEVENTEEN, 0).hasPrevious()).isFalse();
    assertThat(Page.of(SEVENTEEN, 2).items()).containsExactly(16);
    assertThat(Page.of(SEVENTEEN, 2).hasNext()).isFalse();
  }

  @Test
  void aPageOutOfRangeShowsTheNearestOne() {
    assertThat(Page.of(SEVENTEEN, 9).page()).isEqualTo(2);
    assertThat(Page.of(SEVENTEEN, -3).page()).isZero();
    assertThat(Page.of(List.of(), 4).items()).isEmpty();
    assertThat(Page.of(IntStream.range(0, 8).boxed().toList(), 1).hasNext()).isFalse();
  }
}
