package netoverhead.model.ffm;

import java.lang.foreign.MemorySegment;

import netoverhead.job.JobFailure;

/**
 * The Haiku suite's poll client's calls around a connect, for {@link FfmPollLoop}: fcntl(F_GETFL) and
 * fcntl(F_SETFL, O_NONBLOCK) on a new socket, a connect(2) that returns EINPROGRESS, and getsockopt(SO_ERROR)
 * once poll reports the socket writable. Every failure is a JobFailure with libc's words.
 */
final class NonBlockingSocket {
    private NonBlockingSocket() {}

    /** Puts {@code fd} in non-blocking mode, two fcntl(2)s as the Haiku suite makes them. */
    static void nonBlocking(MemorySegment callState, int fd) throws JobFailure {
        int flags = Libc.fcntl(callState, fd, Libc.F_GETFL, 0);
        if (flags < 0 || Libc.fcntl(callState, fd, Libc.F_SETFL, flags | Libc.O_NONBLOCK) < 0) {
            throw Errno.failure("fcntl", Libc.errno(callState));
        }
    }

    /**
     * Starts the connect of non-blocking {@code fd}.
     *
     * @return true when it finished at once, false while it is under way (EINPROGRESS)
     * @throws JobFailure when it failed at once: refused, or no local port left (EADDRNOTAVAIL)
     */
    static boolean connect(MemorySegment callState, int fd, MemorySegment sockaddr) throws JobFailure {
        if (Libc.connect(callState, fd, sockaddr) == 0) return true;
        int errno = Libc.errno(callState);
        if (errno != Libc.EINPROGRESS) throw Errno.failure("connect", errno);
        return false;
    }

    /**
     * Whether a connect that was under way succeeded, once poll reported its socket: SO_ERROR holds its errno.
     *
     * @param scratch {@link Libc#INT_OPTION_BYTES} of the caller's
     */
    static void finishConnect(MemorySegment callState, int fd, MemorySegment scratch) throws JobFailure {
        int error = Libc.getsockoptInt(callState, fd, Libc.SOL_SOCKET, Libc.SO_ERROR, scratch);
        if (error < 0) throw Errno.failure("getsockopt", Libc.errno(callState));
        if (error != 0) throw Errno.failure("connect", error);
    }
}
