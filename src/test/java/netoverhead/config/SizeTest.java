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
        assertThat(Size.parse("1TiB").bytes()).isEqualTo(1L << 40).isEqualTo(Size.parse("1024GiB").bytes());
        assertThat(Size.parse("2T").bytes()).isEqualTo(2L << 40);
        assertThat(Size.parse("0.5TB").bytes()).isEqualTo(512L << 30);
    }

    @Test
    void sizesNoFileOrByteCountCanHoldAreRefused() {
        assertThat(Size.parse("4194304TiB").bytes()).isEqualTo(Size.LARGEST);
        assertThatThrownBy(() -> Size.parse("4194305TiB")).hasMessageContaining("'4194305TiB' is too large");
        assertThatThrownBy(() -> Size.parse("99999999999999999999999TiB")).hasMessageContaining("too large");
    }

    @Test
    void approximateSpellingHasThreeSignificantDigits() {
        assertThat(Size.approximate(100)).isEqualTo("100 B");
        assertThat(Size.approximate(3L << 20)).isEqualTo("3.00 MiB");
        assertThat(Size.approximate((long) (79.64 * (1L << 30)))).isEqualTo("79.6 GiB");
        assertThat(Size.approximate(512L << 10)).isEqualTo("512 KiB");
        assertThat(Size.approximate(1L << 40)).isEqualTo("1.00 TiB");
    }

    @Test
    void formatIsTheShortestExactSpelling() {
        assertThat(Size.format(200L << 20)).isEqualTo("200MiB");
        assertThat(Size.format(1536)).isEqualTo("1536B");
        assertThat(Size.format(3L << 30)).isEqualTo("3GiB");
        assertThat(Size.format(0)).isEqualTo("0B");
        assertThat(Size.format(1L << 40)).isEqualTo("1TiB");
    }

    @Test
    void malformedSizesAreRejectedWithTheValue() {
        assertThatThrownBy(() -> Size.parse("lots")).hasMessageContaining("'lots' is not a size");
        assertThatThrownBy(() -> Size.parse("-5")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> Size.parse("1.3B")).hasMessageContaining("whole number");
    }
}
