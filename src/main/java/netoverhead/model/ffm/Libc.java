package netoverhead.model.ffm;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The few libc calls the FFM models make, bound once through java.lang.foreign. Every call that can fail
 * captures errno into a per-thread state segment ({@link #newCallState}), because errno read after the call
 * returns to Java may already belong to another call the JVM made. The constants are those of Linux on
 * x86_64 and aarch64, where they agree; {@link FfmSupport} refuses every other system.
 */
public final class Libc {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_STREAM = 1;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int O_NONBLOCK = 0x800;
    public static final int SOL_SOCKET = 1;
    public static final int SO_ERROR = 4;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_SNDTIMEO = 21;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;

    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETUNREACH = 101;
    public static final int ECONNRESET = 104;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EINPROGRESS = 115;

    /** The scratch memory of {@link #getsockoptInt}: an int and a socklen_t. */
    public static final long INT_OPTION_BYTES = 8;

    /** struct pollfd { int fd; short events; short revents; } */
    public static final long POLLFD_SIZE = 8;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong SIZE_T = ValueLayout.JAVA_LONG;
    private static final AddressLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(INT, INT, INT, INT));
    // fcntl is variadic: the third argument is the first variadic one
    private static final MethodHandle FCNTL = bind("fcntl", FunctionDescriptor.of(INT, INT, INT, INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CONNECT = bind("connect", FunctionDescriptor.of(INT, INT, PTR, INT));
    private static final MethodHandle SEND = bind("send", FunctionDescriptor.of(SIZE_T, INT, PTR, SIZE_T, INT));
    private static final MethodHandle RECV = bind("recv", FunctionDescriptor.of(SIZE_T, INT, PTR, SIZE_T, INT));
    // ppoll: poll(2) with a timeout in nanoseconds, so that an open loop's send is not late by a rounded millisecond
    private static final MethodHandle PPOLL = bind("ppoll", FunctionDescriptor.of(INT, PTR, SIZE_T, PTR, PTR));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle SETSOCKOPT = bind("setsockopt", FunctionDescriptor.of(INT, INT, INT, INT, PTR, INT));
    private static final MethodHandle GETSOCKOPT = bind("getsockopt", FunctionDescriptor.of(INT, INT, INT, INT, PTR, PTR));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(),
            FunctionDescriptor.of(PTR.withTargetLayout(MemoryLayout.sequenceLayout(256, ValueLayout.JAVA_BYTE)), INT));

    private Libc() {}

    private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = ERRNO_OPTION;
        System.arraycopy(extra, 0, options, 1, extra.length);
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** A segment that receives errno of the calls made with it; one per thread. */
    public static MemorySegment newCallState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** errno as captured by the last call made with {@code state}. */
    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /**
     * Calls every binding once, outside the measured window, so that the first job does not pay for
     * linking the downcalls. Only socket(2) and close(2) touch a real descriptor; the rest get -1 and fail
     * with EBADF at once, and nothing connects anywhere.
     */
    public static void warmUp() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newCallState(arena);
            MemorySegment buf = arena.allocate(16);
            int fd = socket(state, AF_INET, SOCK_STREAM, 0);
            fcntl(state, fd, F_GETFL, 0);
            getsockoptInt(state, fd, SOL_SOCKET, SO_ERROR, arena.allocate(INT_OPTION_BYTES, 4));
            setsockopt(state, -1, SOL_SOCKET, SO_RCVTIMEO, timeval(arena, 1000));
            connect(state, -1, sockaddr(arena, new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)));
            send(state, -1, buf, 1, MSG_NOSIGNAL);
            recv(state, -1, buf, 1, 0);
            ppoll(state, buf, 0, timespec(arena, 0));
            close(state, fd);
            strerror(EAGAIN);
            errno(state);
        }
    }

    public static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int fcntl(MemorySegment state, int fd, int cmd, int arg) {
        try {
            return (int) FCNTL.invokeExact(state, fd, cmd, arg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int connect(MemorySegment state, int fd, MemorySegment address) {
        try {
            return (int) CONNECT.invokeExact(state, fd, address, (int) address.byteSize());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long send(MemorySegment state, int fd, MemorySegment buf, long length, int flags) {
        try {
            return (long) SEND.invokeExact(state, fd, buf, length, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long recv(MemorySegment state, int fd, MemorySegment buf, long length, int flags) {
        try {
            return (long) RECV.invokeExact(state, fd, buf, length, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** ppoll(2) over {@code count} struct pollfd, waiting at most the struct timespec {@code timeout}; no signal mask. */
    public static int ppoll(MemorySegment state, MemorySegment fds, long count, MemorySegment timeout) {
        try {
            return (int) PPOLL.invokeExact(state, fds, count, timeout, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int close(MemorySegment state, int fd) {
        try {
            return (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value) {
        try {
            return (int) SETSOCKOPT.invokeExact(state, fd, level, name, value, (int) value.byteSize());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * getsockopt of an int option, such as SO_ERROR; returns -1 and sets errno in {@code state} on failure.
     *
     * @param scratch {@link #INT_OPTION_BYTES} of the caller's for the value and its length, reused call after
     *                call, so that a loop that connects again and again allocates nothing per connect
     */
    public static int getsockoptInt(MemorySegment state, int fd, int level, int name, MemorySegment scratch) {
        MemorySegment value = scratch.asSlice(0, 4);
        MemorySegment length = scratch.asSlice(4, 4);
        length.set(INT, 0, 4);
        try {
            int rc = (int) GETSOCKOPT.invokeExact(state, fd, level, name, value, length);
            return rc < 0 ? -1 : value.get(INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A struct timeval of {@code millis}, for SO_RCVTIMEO and SO_SNDTIMEO. */
    public static MemorySegment timeval(Arena arena, long millis) {
        MemorySegment tv = arena.allocate(16, 8);
        tv.set(ValueLayout.JAVA_LONG, 0, millis / 1000);
        tv.set(ValueLayout.JAVA_LONG, 8, (millis % 1000) * 1000);
        return tv;
    }

    /** A struct timespec of {@code nanos}, for ppoll; {@link #setTimespec} changes it in place. */
    public static MemorySegment timespec(Arena arena, long nanos) {
        MemorySegment ts = arena.allocate(16, 8);
        setTimespec(ts, nanos);
        return ts;
    }

    public static void setTimespec(MemorySegment ts, long nanos) {
        ts.set(ValueLayout.JAVA_LONG, 0, nanos / 1_000_000_000L);
        ts.set(ValueLayout.JAVA_LONG, 8, nanos % 1_000_000_000L);
    }

    /** The address family of a resolved address: AF_INET or AF_INET6. */
    public static int family(InetSocketAddress address) {
        return address.getAddress() instanceof Inet6Address ? AF_INET6 : AF_INET;
    }

    /** A struct sockaddr_in or sockaddr_in6 of a resolved address; ports and addresses in network order. */
    public static MemorySegment sockaddr(Arena arena, InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) throw new IllegalArgumentException("unresolved address " + address);
        byte[] raw = ip.getAddress();
        int port = address.getPort();
        if (ip instanceof Inet6Address v6) {
            MemorySegment sa = arena.allocate(28, 4); // family, port, flowinfo, addr[16], scope_id
            sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET6);
            sa.set(ValueLayout.JAVA_BYTE, 2, (byte) (port >> 8));
            sa.set(ValueLayout.JAVA_BYTE, 3, (byte) port);
            MemorySegment.copy(raw, 0, sa, ValueLayout.JAVA_BYTE, 8, 16);
            sa.set(ValueLayout.JAVA_INT, 24, v6.getScopeId());
            return sa;
        }
        MemorySegment sa = arena.allocate(16, 4); // family, port, addr[4], zero[8]
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
        sa.set(ValueLayout.JAVA_BYTE, 2, (byte) (port >> 8));
        sa.set(ValueLayout.JAVA_BYTE, 3, (byte) port);
        MemorySegment.copy(raw, 0, sa, ValueLayout.JAVA_BYTE, 4, 4);
        return sa;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
