package netoverhead.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizeTest {
    @Test
    void bareNumbersAreMebibytesAndSuffixesAreBinary() {
        assertThat(Size.parse("200").bytes()).isEqualTo(200L << 20);
        assertThat(Size.parse("8MiB").bytes()).isEqualTo(8L << 20);
        assertThat(Size.parse("512KiB").bytes()).isEqualTo(512L << 10);
        assertThat(Size.parse("1GiB").bytes()).isEqualTo(1L << 30);
        assertThat(Size.parse("100B").bytes()).isEqualTo(100);
        assertThat(Size.parse("0.5MiB").bytes()).isEqualTo(512L << 10);
        assertThat(Size.parse("1b").bytes()).isEqualTo(1);
    }

    @Test
    void formatIsTheShortestExactSpelling() {
        assertThat(Size.format(200L << 20)).isEqualTo("200MiB");
        assertThat(Size.format(1536)).isEqualTo("1536B");
        assertThat(Size.format(3L << 30)).isEqualTo("3GiB");
        assertThat(Size.format(0)).isEqualTo("0B");
    }

    @Test
    void malformedSizesAreRejectedWithTheValue() {
        assertThatThrownBy(() -> Size.parse("lots")).hasMessageContaining("'lots' is not a size");
        assertThatThrownBy(() -> Size.parse("-5")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> Size.parse("1.3B")).hasMessageContaining("whole number");
    }
}
