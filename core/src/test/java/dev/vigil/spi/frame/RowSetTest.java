package dev.vigil.spi.frame;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowSetTest {
    @Test
    void mergesOverlappingRangesInAnyOrder() {
        RowSet s = RowSet.ofRanges(new int[] {10, 0, 3}, new int[] {12, 5, 7});
        assertThat(s.rangeCount()).isEqualTo(2);
        assertThat(s.toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 10, 11);
        assertThat(s.count()).isEqualTo(9);
        assertThat(s.first()).isZero();
        assertThat(s.last()).isEqualTo(11);
    }

    @Test
    void containsAndMaskAgree() {
        RowSet s = RowSet.ofRanges(new int[] {2, 6}, new int[] {4, 7});
        boolean[] mask = s.toMask(8);
        for (int i = 0; i < 8; i++) {
            assertThat(s.contains(i)).as("row %d", i).isEqualTo(mask[i]);
        }
        assertThat(RowSet.of(mask)).isEqualTo(s);
    }

    @Test
    void emptySets() {
        assertThat(RowSet.range(3, 3).isEmpty()).isTrue();
        assertThat(RowSet.of(new boolean[4]).isEmpty()).isTrue();
        assertThat(RowSet.ofRanges(new int[] {1}, new int[] {1})).isEqualTo(RowSet.empty());
    }
}
