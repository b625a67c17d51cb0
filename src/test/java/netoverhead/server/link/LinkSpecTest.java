package netoverhead.server.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkSpecTest {
    @Test
    void parsesEveryKey() {
        LinkSpec spec = LinkSpec.parse("rate=1gbit,delay=2ms,loss=0.1%,mtu=1500");
        assertThat(spec.rateBitsPerSecond()).isEqualTo(1_000_000_000L);
        assertThat(spec.delayMicros()).isEqualTo(2000);
        assertThat(spec.lossPercent()).isEqualTo(0.1);
        assertThat(spec.mtu()).isEqualTo(1500);
        assertThat(spec.needsNetem()).isTrue();
        assertThat(spec.label()).isEqualTo("veth 1gbit, delay 2ms, loss 0.1%, mtu 1500");
    }

    @Test
    void rateAloneNeedsNoNetemAndLabelsAsTyped() {
        LinkSpec spec = LinkSpec.parse("rate=200mbit");
        assertThat(spec.rateBitsPerSecond()).isEqualTo(200_000_000L);
        assertThat(spec.needsNetem()).isFalse();
        assertThat(spec.label()).isEqualTo("veth 200mbit");
        assertThat(spec.rateMiBps()).isCloseTo(200e6 / 8 / 1048576, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(LinkSpec.parse("rate=1.5mbit,delay=500us").delayMicros()).isEqualTo(500);
        assertThat(LinkSpec.parse("rate=1.5mbit").rateBitsPerSecond()).isEqualTo(1_500_000L);
        assertThatThrownBy(() -> LinkSpec.parse("rate=1kbit")).hasMessageContaining("at least 8kbit");
    }

    @Test
    void refusesBadValuesInOneLine() {
        assertThatThrownBy(() -> LinkSpec.parse("delay=2ms")).hasMessageContaining("needs a rate");
        assertThatThrownBy(() -> LinkSpec.parse("rate=fast")).hasMessageContaining("rate='fast'");
        assertThatThrownBy(() -> LinkSpec.parse("rate=100mbps")).hasMessageContaining("200mbit");
        assertThatThrownBy(() -> LinkSpec.parse("rate=1gbit,loss=150%")).hasMessageContaining("at most 100%");
        assertThatThrownBy(() -> LinkSpec.parse("rate=1gbit,mtu=20")).hasMessageContaining("between 68 and 65535");
        assertThatThrownBy(() -> LinkSpec.parse("rate=1gbit,jitter=1ms")).hasMessageContaining("unknown key 'jitter'");
        assertThatThrownBy(() -> LinkSpec.parse("rate")).hasMessageContaining("not key=value");
    }

    @Test
    void burstIsSmallAgainstTheRateYetHoldsAFrame() {
        assertThat(TrafficShaper.burstBytes(LinkSpec.parse("rate=1gbit"))).isEqualTo(500_000);
        assertThat(TrafficShaper.burstBytes(LinkSpec.parse("rate=1mbit"))).isEqualTo(32 * 1024);
        assertThat(TrafficShaper.burstBytes(LinkSpec.parse("rate=1mbit,mtu=65535"))).isEqualTo(65535 + 14);
    }
}
