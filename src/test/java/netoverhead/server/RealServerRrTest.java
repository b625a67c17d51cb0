package netoverhead.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.testing.Privileged;
import netoverhead.testing.TestServers;

/**
 * Every server the tool starts serves rr: {@code /rr/<bytes>} with the pattern, for many requests on one kept-alive
 * connection, pipelined ones included; and the embedded one, a process of its own, says how many it answered.
 */
class RealServerRrTest {
    private static final List<Long> SIZES = List.of(0L, 128L, 70_000L);

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "lighttpd", "nginx"})
    void servesEachResponseSizeForMoreRequestsThanOneThousandOnOneConnection(String kind) throws Exception {
        if (!kind.equals("embedded")) Privileged.assumeInstalled(kind);
        int port = TestServers.freePort();
        ServerSpec spec = ServerSpec.local("127.0.0.1", port, "/testpayload", 1000, 10).withResponseSizes(SIZES);
        int requests = 0;
        try (ServerHandle server = ServerLauncher.open(ServerKind.valueOf(kind.toUpperCase(Locale.ROOT)), spec, m -> { })) {
            try (RrClient c = new RrClient(port)) {
                for (long size : SIZES) {
                    c.send(RrClient.get(RrPath.of(size)));
                    RrClient.Response r = c.read();
                    assertThat(r.status()).as("%s /rr/%d", kind, size).isEqualTo(200);
                    assertThat(r.body()).as("%s /rr/%d", kind, size).hasSize((int) size);
                    assertThat(r.bodyIsPattern()).as("%s /rr/%d", kind, size).isTrue();
                    requests++;
                }
                // 1,200 more in batches of 16 pipelined requests: beyond the 1,000 a connection used to be allowed
                for (int batch = 0; batch < 75; batch++) {
                    c.send(RrClient.get("/rr/128").repeat(16));
                    for (int k = 0; k < 16; k++) {
                        RrClient.Response r = c.read();
                        assertThat(r.body()).as("%s request %d", kind, requests).hasSize(128);
                        assertThat(r.head()).as("%s request %d", kind, requests).doesNotContainIgnoringCase("connection: close");
                        requests++;
                    }
                }
            }
            assertThat(RrProbe.probe("127.0.0.1", port, "/rr/70000", 2000, 5000)).isEqualTo(70_000);
            requests += 2;
            if (server instanceof EmbeddedServerProcess embedded) {
                server.close();
                // ours, the probe's, and the HEAD with which the tool saw it serve (one more if a HEAD timed out)
                assertThat(embedded.answered()).isPresent();
                assertThat(embedded.answered().getAsLong() - requests).isBetween(1L, 3L);
            }
        }
    }
}
