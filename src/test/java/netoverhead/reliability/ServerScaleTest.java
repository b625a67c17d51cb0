package netoverhead.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.management.UnixOperatingSystemMXBean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import netoverhead.http.ResponseParser;
import netoverhead.job.JobFailure;
import netoverhead.testing.ServeProcess;

/** The embedded server (`serve`, a process of its own) at scale, and its header timeout option. */
class ServerScaleTest {
    private static final int CONNECTIONS = 10_000;

    @Test
    void tenThousandConcurrentConnectionsAreServed() throws Exception {
        long limit = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        Assumptions.assumeTrue(limit >= CONNECTIONS + 1000,
                "unavailable: the open-file limit is " + limit + ", 10,000 connections need about 11,000");
        try (ServeProcess server = ServeProcess.start(List.of("-XX:+UseSerialGC", "-Xmx256m"), "--payload", "1KiB");
             Selector selector = Selector.open()) {
            byte[] request = "GET /testpayload HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            List<SocketChannel> channels = new ArrayList<>(CONNECTIONS);
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            int started = 0;
            int served = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            try {
                while (served < CONNECTIONS) {
                    assertThat(System.nanoTime()).as("%d of %d served in time", served, CONNECTIONS).isLessThan(deadline);
                    // at most 2,000 handshakes in flight, within the kernel's accept queue
                    while (started < CONNECTIONS && started - served < 2000) {
                        SocketChannel c = SocketChannel.open();
                        c.configureBlocking(false);
                        c.connect(new InetSocketAddress("127.0.0.1", server.port()));
                        c.register(selector, SelectionKey.OP_CONNECT, new ResponseParser(1024, true));
                        channels.add(c);
                        started++;
                    }
                    selector.select(100);
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        served += step(key, request, buffer);
                    }
                }
                // every connection is still open: the server holds all of them at once
                assertThat(server.openFiles()).isGreaterThanOrEqualTo(CONNECTIONS);
            } finally {
                for (SocketChannel c : channels) c.close();
            }
        }
    }

    /** Advances one connection: connected, request written, response read; 1 when its response is whole. */
    private static int step(SelectionKey key, byte[] request, ByteBuffer buffer) throws IOException {
        SocketChannel c = (SocketChannel) key.channel();
        if (key.isConnectable()) {
            c.finishConnect();
            ByteBuffer out = ByteBuffer.wrap(request);
            c.write(out);
            assertThat(out.hasRemaining()).isFalse();
            key.interestOps(SelectionKey.OP_READ);
            return 0;
        }
        buffer.clear();
        int n = c.read(buffer);
        assertThat(n).as("the server closed a connection before its response was whole").isGreaterThanOrEqualTo(0);
        buffer.flip();
        try {
            if (((ResponseParser) key.attachment()).feed(buffer)) {
                key.interestOps(0); // keep it open, silent
                return 1;
            }
        } catch (JobFailure e) {
            throw new AssertionError("bad response: " + e.getMessage());
        }
        return 0;
    }

    @Test
    void serveHeaderTimeoutOptionClosesSilentConnections() throws Exception {
        try (ServeProcess server = ServeProcess.start(List.of(), "--payload", "1KiB", "--header-timeout", "500ms");
             Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            s.getOutputStream().write("GET /testpayload HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5000); // ten times the option's 500 ms, half the default of 10 s
            assertThat(s.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
        }
    }
}
