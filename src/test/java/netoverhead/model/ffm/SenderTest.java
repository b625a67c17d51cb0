package netoverhead.model.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * send(2) from a conversation's buffer through {@link Sender}, on a real non-blocking loopback socket: bytes
 * the socket did not take go out from where the last send stopped, and a buffer outside native memory is
 * refused rather than passed to the kernel.
 */
@Timeout(60)
class SenderTest {
    @BeforeAll
    static void ffmAvailable() {
        var availability = FfmSupport.availability();
        Assumptions.assumeTrue(availability.available(), () -> "FFM " + availability);
    }

    @Test
    void sendsEveryByteInOrderAcrossPartialSends() throws Exception {
        int size = 8 * 1024 * 1024; // more than a loopback socket buffers: send(2) takes part at a time
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) data[i] = (byte) (i * 31 + (i >>> 13));
        ByteBuffer out = ByteBuffer.allocateDirect(size).put(data).flip().asReadOnlyBuffer();
        try (Arena arena = Arena.ofConfined();
             ServerSocketChannel listener = ServerSocketChannel.open()
                     .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            MemorySegment state = Libc.newCallState(arena);
            InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
            int fd = Libc.socket(state, Libc.family(address), Libc.SOCK_STREAM, 0);
            assertThat(fd).isNotNegative();
            try (SocketChannel peer = connect(state, fd, address, arena, listener)) {
                peer.configureBlocking(false);
                ByteBuffer got = ByteBuffer.allocate(size);
                Sender sender = new Sender();
                int partial = 0;
                for (int turn = 0; out.hasRemaining() && turn < 1_000_000; turn++) {
                    long n = sender.send(state, fd, out);
                    if (n < 0) assertThat(Libc.errno(state)).isEqualTo(Libc.EAGAIN);
                    else if (out.hasRemaining()) partial++;
                    peer.read(got);
                }
                assertThat(out.hasRemaining()).isFalse();
                assertThat(partial).isPositive();
                peer.configureBlocking(true);
                while (got.hasRemaining() && peer.read(got) >= 0) {
                    // the rest of what was sent
                }
                assertThat(got.array()).isEqualTo(data);
            } finally {
                Libc.close(state, fd);
            }
        }
    }

    @Test
    void refusesABufferOutsideNativeMemory() {
        ByteBuffer heap = ByteBuffer.wrap(new byte[] {1, 2, 3});
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(arena);
            assertThatThrownBy(() -> new Sender().send(state, -1, heap))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("native memory");
        }
    }

    /** Connects {@code fd} to the listener (blocking), makes it non-blocking, and returns the accepted peer. */
    private static SocketChannel connect(MemorySegment state, int fd, InetSocketAddress address, Arena arena,
                                         ServerSocketChannel listener) throws Exception {
        assertThat(Libc.connect(state, fd, Libc.sockaddr(arena, address))).isZero();
        SocketChannel peer = listener.accept();
        int flags = Libc.fcntl(state, fd, Libc.F_GETFL, 0);
        assertThat(Libc.fcntl(state, fd, Libc.F_SETFL, flags | Libc.O_NONBLOCK)).isZero();
        return peer;
    }
}
