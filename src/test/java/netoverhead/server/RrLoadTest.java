package netoverhead.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import netoverhead.payload.PayloadPattern;
import netoverhead.testing.TestServers;

/**
 * A few hundred connections doing rr flat out against the embedded server: every request answered whole with the
 * pattern, in order, none lost, and the server's count equal to the requests sent. Bounded in count and time.
 */
class RrLoadTest {
    private static final int CONNECTIONS = 300;
    private static final int REQUESTS = 100;
    private static final long DEADLINE_NANOS = 120_000_000_000L;

    /** One client connection: its requests sent and answered, and where it is in the response it reads. */
    private static final class Conversation {
        final int size;
        final byte[] request;
        final String lengthLine;
        int sent;
        int answered;
        int last4;
        final StringBuilder head = new StringBuilder();
        long bodyLeft = -1; // -1 while reading a head
        long bodyOffset;

        Conversation(int size) {
            this.size = size;
            this.request = RrClient.get(RrPath.of(size)).getBytes(StandardCharsets.ISO_8859_1);
            this.lengthLine = "Content-Length: " + size + "\r\n";
        }
    }

    @ParameterizedTest(name = "{0} in flight per connection")
    @CsvSource({"1", "4"})
    void everyRequestIsAnsweredWholeAndCounted(int pipeline) throws IOException, InterruptedException {
        try (PayloadServer server = TestServers.embedded(1000); Selector selector = Selector.open()) {
            List<SocketChannel> channels = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
                    c.configureBlocking(false);
                    channels.add(c);
                    Conversation conversation = new Conversation(i % 3 == 0 ? 4096 : 128);
                    c.register(selector, SelectionKey.OP_READ, conversation);
                    send(c, conversation, pipeline);
                }
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                int done = 0;
                long deadline = System.nanoTime() + DEADLINE_NANOS;
                while (done < CONNECTIONS) {
                    assertThat(System.nanoTime()).as("%d of %d connections done in time", done, CONNECTIONS).isLessThan(deadline);
                    selector.select(100);
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        SocketChannel c = (SocketChannel) key.channel();
                        Conversation conversation = (Conversation) key.attachment();
                        buffer.clear();
                        int n = c.read(buffer);
                        if (n < 0) throw new AssertionError("the server closed a kept-alive connection");
                        int before = conversation.answered;
                        read(conversation, buffer.flip());
                        if (conversation.answered > before) send(c, conversation, pipeline);
                        if (conversation.answered == REQUESTS) {
                            key.cancel();
                            done++;
                        }
                    }
                }
            } finally {
                for (SocketChannel c : channels) c.close();
            }
            assertThat(RrServerTest.awaitCount(server, (long) CONNECTIONS * REQUESTS)).isEqualTo((long) CONNECTIONS * REQUESTS);
        }
    }

    /** Tops the connection up to {@code pipeline} requests in flight, never past its count. */
    private static void send(SocketChannel c, Conversation conversation, int pipeline) throws IOException {
        while (conversation.sent < REQUESTS && conversation.sent - conversation.answered < pipeline) {
            ByteBuffer request = ByteBuffer.wrap(conversation.request);
            c.write(request);
            if (request.hasRemaining()) throw new AssertionError("a request did not fit in the socket buffer");
            conversation.sent++;
        }
    }

    /** Reads responses out of {@code bytes}: each head says the size asked for, each body is the pattern. */
    private static void read(Conversation conversation, ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            if (conversation.bodyLeft < 0) {
                int b = bytes.get() & 0xff;
                conversation.head.append((char) b);
                conversation.last4 = conversation.last4 << 8 | b;
                if (conversation.last4 == 0x0d0a0d0a) {
                    String head = conversation.head.toString();
                    if (!head.startsWith("HTTP/1.1 200 OK\r\n") || !head.contains(conversation.lengthLine)) {
                        throw new AssertionError("not the answer to GET /rr/" + conversation.size + ": " + head);
                    }
                    conversation.head.setLength(0);
                    conversation.last4 = 0;
                    conversation.bodyLeft = conversation.size;
                    conversation.bodyOffset = 0;
                }
            } else {
                int n = (int) Math.min(conversation.bodyLeft, bytes.remaining());
                int mismatch = PayloadPattern.firstMismatch(conversation.bodyOffset, bytes, bytes.position(), bytes.position() + n);
                if (mismatch >= 0) throw new AssertionError("the body differs from the pattern at " + mismatch);
                bytes.position(bytes.position() + n);
                conversation.bodyLeft -= n;
                conversation.bodyOffset += n;
            }
            if (conversation.bodyLeft == 0) {
                conversation.answered++;
                conversation.bodyLeft = -1;
            }
        }
    }
}
