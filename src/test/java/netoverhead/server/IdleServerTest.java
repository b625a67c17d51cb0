package netoverhead.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import netoverhead.http.IdleFrames;
import netoverhead.testing.TestServers;

/**
 * The embedded server's idle workload over real sockets (http/IdleFrames): a group's connections each get the
 * 200 head, its first one START, END and the RESULT frames, all of them BYE; every ping the clients echo is one
 * the server counts, and the RESULT frames carry exactly the measured ones. Malformed hellos are told the form; a
 * client that dies leaves the others and the server served.
 */
@Timeout(60)
class IdleServerTest {
    private static final long PAYLOAD = 1000;
    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
            + "Cache-Control: no-store\r\n\r\n";
    private static final AtomicInteger GROUPS = new AtomicInteger();

    @Test
    void aGroupHearsItsWholeTimelineAndEveryEchoedPingIsCounted() throws Exception {
        try (PayloadServer server = TestServers.embedded(PAYLOAD)) {
            String group = group();
            List<IdleClient> clients = hellos(server, IdleFrames.helloPath(3, 200, 1000, group), 3);
            List<List<IdleClient.Frame>> heard = untilBye(clients);

            int leads = 0;
            long warmup = 0;
            long measured = 0;
            long resultCount = 0;
            for (int i = 0; i < heard.size(); i++) {
                List<IdleClient.Frame> frames = heard.get(i);
                assertThat(clients.get(i).head()).isEqualTo(HEAD);
                assertThat(frames).as("client %d", i).isNotEmpty();
                assertThat(frames.getLast().type()).as("client %d: %s", i, frames).isEqualTo(IdleFrames.BYE);
                StringBuilder said = new StringBuilder();
                for (IdleClient.Frame f : frames) {
                    switch (f.type()) {
                        case IdleFrames.WARMUP_PING -> {
                            warmup++;
                            assertThat(said.toString()).as("a warm-up ping comes before START").isEmpty();
                        }
                        case IdleFrames.MEASURED_PING -> measured++;
                        case IdleFrames.RESULT -> {
                            resultCount += f.narrow();
                            assertThat(f.wide()).as("a round trip in ns").isPositive();
                            if (said.charAt(said.length() - 1) != 'r') said.append('r');
                        }
                        default -> said.append((char) f.type());
                    }
                }
                if (said.toString().equals("x")) continue;
                assertThat(said.toString()).as("client %d: %s", i, frames).isEqualTo("SErx");
                leads++;
            }
            assertThat(leads).as("one connection hears START, END and the results").isEqualTo(1);
            assertThat(warmup).isPositive();
            assertThat(measured).isPositive();

            for (IdleClient c : clients) c.close();
            IdleCounts counts = droppedCounts(server, group);
            assertThat(counts.ended()).isTrue();
            assertThat(counts.hellos()).isEqualTo(3);
            assertThat(counts.closedByServer()).isZero();
            assertThat(counts.warmupPingsSent()).isEqualTo(warmup);
            assertThat(counts.warmupEchoes()).isEqualTo(warmup);
            assertThat(counts.measuredPingsSent()).isEqualTo(measured);
            assertThat(counts.measuredEchoes()).isEqualTo(measured);
            assertThat(counts.resultCount()).isEqualTo(measured);
            assertThat(resultCount).isEqualTo(measured);
            assertThat(server.answered()).as("each hello's 200 is one answer").isEqualTo(3);
        }
    }

    @Test
    void aGroupShortOfHellosRunsWithThoseItHasTenSecondsAfterTheLast() throws Exception {
        try (PayloadServer server = TestServers.embedded(PAYLOAD)) {
            String group = group();
            // 300 connections asked for (3 pings a second), 3 come: the group waits IdleGroup.GATHER_NANOS, then runs
            List<IdleClient> clients = hellos(server, IdleFrames.helloPath(300, 0, 2000, group), 3);
            List<List<IdleClient.Frame>> heard = untilBye(clients);
            long measured = 0;
            long resultCount = 0;
            for (List<IdleClient.Frame> frames : heard) {
                assertThat(frames.getLast().type()).isEqualTo(IdleFrames.BYE);
                for (IdleClient.Frame f : frames) {
                    if (f.type() == IdleFrames.MEASURED_PING) measured++;
                    if (f.type() == IdleFrames.RESULT) resultCount += f.narrow();
                    assertThat(f.type()).as("no warm-up asked for").isNotEqualTo(IdleFrames.WARMUP_PING);
                }
            }
            for (IdleClient c : clients) c.close();
            IdleCounts counts = droppedCounts(server, group);
            assertThat(counts.hellos()).isEqualTo(3);
            assertThat(measured).as("pings at 3 a second over 2 s").isGreaterThan(1);
            assertThat(counts.measuredPingsSent()).isEqualTo(measured);
            assertThat(counts.measuredEchoes()).isEqualTo(measured);
            assertThat(resultCount).isEqualTo(measured);
        }
    }

    @Test
    void malformedHellosAreToldTheFormAndOthersWhyNot() throws Exception {
        try (PayloadServer server = TestServers.embedded(PAYLOAD); RrClient c = new RrClient(server.port())) {
            String tooLong = "g".repeat(IdlePath.MAX_GROUP + 1);
            for (String path : List.of("/idle/", "/idle/3/200/1000", "/idle/3/200/1000/", "/idle/0/200/1000/g",
                    "/idle/03/200/1000/g", "/idle/3/-1/1000/g", "/idle/3/200/1000000000/g", "/idle/3/200/1000/a/b",
                    "/idle/3/200/1000/bad!name", "/idle/3/200/1000/" + tooLong, "/idle/x/200/1000/g")) {
                c.send(RrClient.get(path));
                RrClient.Response r = c.read();
                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(new String(r.body(), "US-ASCII")).as(path)
                        .startsWith("idle hellos are /idle/<connections>/<warmup_ms>/<duration_ms>/<group>")
                        .endsWith("\n").hasLineCount(1);
            }
            c.send(RrClient.get("/rr/128"));
            assertThat(c.read().status()).as("the connection is kept after each 404").isEqualTo(200);

            String group = group();
            try (IdleClient first = new IdleClient(server.port(), IdleFrames.helloPath(2, 0, 0, group))) {
                assertThat(first.head()).isEqualTo(HEAD);
                try (RrClient other = new RrClient(server.port())) {
                    other.send(RrClient.get(IdleFrames.helloPath(3, 0, 0, group)));
                    RrClient.Response r = other.read();
                    assertThat(r.status()).isEqualTo(409);
                    assertThat(new String(r.body(), "US-ASCII"))
                            .isEqualTo("the idle group " + group + " is of 2 connections, 0 ms warm-up, 0 ms measured,"
                                    + " not 3 connections, 0 ms warm-up, 0 ms measured\n");
                    assertThat(other.closedByServer()).isTrue();
                }
                try (RrClient head = new RrClient(server.port())) {
                    head.send("HEAD " + IdleFrames.helloPath(2, 0, 0, group) + " HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertThat(head.read(true).status()).isEqualTo(405);
                    assertThat(head.closedByServer()).isTrue();
                }
                assertThat(server.idleCounts(group).orElseThrow().hellos()).as("refused hellos are not in the group")
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void bytesThatAreNoEchoCloseTheConnection() throws Exception {
        try (PayloadServer server = TestServers.embedded(PAYLOAD)) {
            String group = group();
            // one hello of two: the group gathers (no ping yet) while the client sends its stray frame
            try (IdleClient c = new IdleClient(server.port(), IdleFrames.helloPath(2, 0, 1000, group))) {
                assertThat(c.head()).isEqualTo(HEAD);
                byte[] stray = new byte[IdleFrames.BYTES];
                stray[0] = IdleFrames.MEASURED_PING; // an "echo" of a ping never sent
                c.send(stray);
                assertThat(c.closedByServer()).isTrue();
            }
            assertThat(droppedCounts(server, group).measuredEchoes()).isZero();
        }
    }

    @Test
    void aClientThatDiesLeavesItsGroupAndTheServerServing() throws Exception {
        try (PayloadServer server = TestServers.embedded(PAYLOAD)) {
            String group = group();
            List<IdleClient> clients = hellos(server, IdleFrames.helloPath(3, 200, 1000, group), 3);
            IdleClient victim = clients.removeLast();
            ExecutorService pool = Executors.newFixedThreadPool(clients.size());
            try {
                List<Future<List<IdleClient.Frame>>> survivors = new ArrayList<>();
                for (IdleClient c : clients) survivors.add(pool.submit(c::untilBye));
                // dies inside the run: once the timeline has sent its first ping
                for (int i = 0; i < 1000 && server.idleCounts(group).orElseThrow().warmupPingsSent() == 0; i++) {
                    Thread.sleep(10);
                }
                assertThat(server.idleCounts(group).orElseThrow().warmupPingsSent()).isPositive();
                victim.reset();
                for (Future<List<IdleClient.Frame>> f : survivors) {
                    assertThat(f.get(30, TimeUnit.SECONDS).getLast().type()).isEqualTo(IdleFrames.BYE);
                }
            } finally {
                pool.shutdownNow();
            }
            for (IdleClient c : clients) c.close();
            IdleCounts counts = droppedCounts(server, group);
            assertThat(counts.ended()).isTrue();
            assertThat(counts.hellos()).isEqualTo(3);
            try (RrClient c = new RrClient(server.port())) {
                c.send(RrClient.get("/rr/128"));
                RrClient.Response r = c.read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).hasSize(128);
            }
        }
    }

    private static String group() {
        return "test-" + ProcessHandle.current().pid() + "." + GROUPS.incrementAndGet();
    }

    private static List<IdleClient> hellos(PayloadServer server, String path, int n) throws IOException {
        List<IdleClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) clients.add(new IdleClient(server.port(), path));
        return clients;
    }

    /** Every client's frames up to BYE, the clients echoing at once, each on a thread of its own. */
    private static List<List<IdleClient.Frame>> untilBye(List<IdleClient> clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<List<IdleClient.Frame>>> futures = new ArrayList<>();
            for (IdleClient c : clients) futures.add(pool.submit(c::untilBye));
            List<List<IdleClient.Frame>> heard = new ArrayList<>();
            for (Future<List<IdleClient.Frame>> f : futures) heard.add(f.get(30, TimeUnit.SECONDS));
            return heard;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The group's counts once the server has seen all its connections close and dropped it (waits, bounded). */
    private static IdleCounts droppedCounts(PayloadServer server, String group) throws InterruptedException {
        IdleCounts counts = server.idleCounts(group).orElseThrow();
        for (int i = 0; i < 1000 && counts.connections() > 0; i++) {
            Thread.sleep(10);
            counts = server.idleCounts(group).orElseThrow();
        }
        assertThat(counts.connections()).as("connections left in the group").isZero();
        return counts;
    }
}
