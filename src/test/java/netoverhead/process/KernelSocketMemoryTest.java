package netoverhead.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The kernel's memory for sockets: read from the two files' real formats, and grown by sockets this test opens. */
class KernelSocketMemoryTest {
    @Test
    void readsTheSlabsOfSocketsAndTheBuffersOfTcp() {
        String slabinfo = """
                slabinfo - version: 2.1
                # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables
                TCPv6                 92    143   2496   13    8 : tunables    0    0    0 : slabdata     11     11      0
                request_sock_TCP     132    132    320   12    1 : tunables    0    0    0 : slabdata     11     11      0
                TCP                   66    117   2368   13    8 : tunables    0    0    0 : slabdata      9      9      0
                sock_inode_cache     188    266    832   19    4 : tunables    0    0    0 : slabdata     14     14      0
                """;
        assertThat(KernelSocketMemory.slabBytes(slabinfo)).isEqualTo(92L * 2496 + 66L * 2368 + 188L * 832);
        String sockstat = "sockets: used 300\nTCP: inuse 5 orphan 0 tw 13379 alloc 7 mem 3\nUDP: inuse 1 mem 2\n";
        assertThat(KernelSocketMemory.bufferBytes(sockstat)).isEqualTo(3 * 4096L);
        assertThatThrownBy(() -> KernelSocketMemory.bufferBytes("UDP: inuse 1 mem 2\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void socketsOpenedBetweenTwoReadingsShowInTheirDifference() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/slabinfo")), "/proc/slabinfo is readable by root only");
        long pid = ProcessHandle.current().pid();
        OptionalLong before = KernelSocketMemory.bytes(pid);
        assertThat(before).isPresent();
        List<Socket> sockets = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 400, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 200; i++) {
                sockets.add(new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
                sockets.add(listener.accept());
            }
            long grown = KernelSocketMemory.bytes(pid).orElseThrow() - before.getAsLong();
            // 400 sockets of at least a TCP structure each (over 2 KiB); other work on the machine is far smaller
            assertThat(grown).isGreaterThan(400L * 1024);
        } finally {
            for (Socket s : sockets) s.close();
        }
    }
}
