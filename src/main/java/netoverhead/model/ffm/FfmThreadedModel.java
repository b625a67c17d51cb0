package netoverhead.model.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import netoverhead.http.ResponseParser;
import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.model.JobStart;
import netoverhead.workload.Workload;

/**
 * The Haiku suite's threaded client through java.lang.foreign: the main thread calls socket(2) and starts one
 * platform thread per job, which connects, sends and calls blocking recv(2) into a buffer it owns. Timeouts
 * are the kernel's: SO_SNDTIMEO bounds connect(2) (it then fails with EINPROGRESS) and send(2), SO_RCVTIMEO
 * bounds each recv(2) (EAGAIN), which is exactly "no data for the read timeout".
 */
public final class FfmThreadedModel extends FfmModel {
    private static final int RECVS_PER_CALL = 16;

    @Override public String name() { return "ffm-threaded"; }

    @Override public String label() { return "FFM threaded"; }

    @Override
    public String description() {
        return "one platform thread per connection, blocking recv(2) from libc through java.lang.foreign";
    }

    @Override
    public void run(ClientPlan plan, Workload workload, JobRecord[] jobs) throws InterruptedException {
        long origin = workload.origin();
        InetSocketAddress address = plan.address();
        int family = Libc.family(address);
        byte[] request = plan.request();
        Thread[] threads = new Thread[jobs.length];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment callState = Libc.newCallState(arena);
            JobStart.begin(plan);
            for (int i = 0; i < jobs.length; i++) {
                JobRecord r = jobs[i];
                long start = System.nanoTime();
                int fd = Libc.socket(callState, family, Libc.SOCK_STREAM, 0);
                long created = System.nanoTime();
                if (fd < 0) {
                    r.fail(Errno.failure("socket", Libc.errno(callState)));
                    r.endAt = created - origin;
                    continue;
                }
                r.socketStartAt = start - origin;
                r.socketCreateNs = created - start;
                try {
                    Thread t = new Thread(() -> runJob(fd, r, plan, address, request, origin), "job-" + i);
                    t.start();
                    threads[i] = t;
                } catch (OutOfMemoryError e) {
                    // "unable to create native thread": this job cannot run, the others still can
                    r.fail(ErrorKind.IO, "cannot start a thread: " + e.getMessage());
                    Libc.close(callState, fd);
                    r.endAt = System.nanoTime() - origin;
                    continue;
                }
                r.setupNs = System.nanoTime() - created;
            }
            JobStart.leave(plan);
            for (Thread t : threads) {
                if (t != null) t.join();
            }
        }
    }

    private static void runJob(int fd, JobRecord r, ClientPlan plan, InetSocketAddress address, byte[] request,
                               long origin) {
        ResponseParser parser = plan.newParser();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment callState = Libc.newCallState(arena);
            try {
                timeout(callState, fd, Libc.SO_SNDTIMEO, Libc.timeval(arena, plan.connectTimeoutMs()));
                if (Libc.connect(callState, fd, Libc.sockaddr(arena, address)) < 0) {
                    int errno = Libc.errno(callState);
                    if (errno == Libc.EINPROGRESS || errno == Libc.EAGAIN) {
                        throw JobFailure.connectTimeout(plan.connectTimeoutMs());
                    }
                    throw Errno.failure("connect", errno);
                }
                r.connectedAt = System.nanoTime() - origin;
                MemorySegment readTimeout = Libc.timeval(arena, plan.readTimeoutMs());
                timeout(callState, fd, Libc.SO_SNDTIMEO, readTimeout);
                timeout(callState, fd, Libc.SO_RCVTIMEO, readTimeout);
                send(callState, fd, arena.allocateFrom(ValueLayout.JAVA_BYTE, request), plan);
                r.requestSentAt = System.nanoTime() - origin;
                JobStart.leave(plan);
                MemorySegment buffer = arena.allocate(plan.bufferSize(), 16);
                ByteBuffer view = buffer.asByteBuffer();
                // in calls of RECVS_PER_CALL, so that the loop every job thread runs is compiled code from its
                // first turn (BlockingJob says why)
                while (!recvSome(callState, fd, buffer, view, parser, plan)) {
                    // the response is not complete yet
                }
            } catch (JobFailure f) {
                r.fail(f);
            } catch (RuntimeException e) {
                r.fail(e, parser.whereNow());
            } finally {
                parser.endJob(r, origin);
                Libc.close(callState, fd);
            }
        }
    }

    /** Up to RECVS_PER_CALL recv(2)s, each one's bytes to the parser; true once the response is complete. */
    private static boolean recvSome(MemorySegment callState, int fd, MemorySegment buffer, ByteBuffer view,
                                    ResponseParser parser, ClientPlan plan) throws JobFailure {
        for (int i = 0; i < RECVS_PER_CALL; i++) {
            long n = Libc.recv(callState, fd, buffer, buffer.byteSize(), 0);
            if (n < 0) {
                int errno = Libc.errno(callState);
                if (errno == Libc.EINTR) continue;
                if (errno == Libc.EAGAIN) throw JobFailure.readTimeout(plan.readTimeoutMs(), parser.bodyBytes());
                throw Errno.failure("recv", errno, parser.whereNow());
            }
            if (n == 0) {
                parser.endOfStream();
                return true;
            }
            view.clear().limit((int) n);
            if (parser.feed(view)) return true;
        }
        return false;
    }

    private static void timeout(MemorySegment callState, int fd, int option, MemorySegment timeval) throws JobFailure {
        if (Libc.setsockopt(callState, fd, Libc.SOL_SOCKET, option, timeval) < 0) {
            throw Errno.failure("setsockopt", Libc.errno(callState));
        }
    }

    private static void send(MemorySegment callState, int fd, MemorySegment request, ClientPlan plan) throws JobFailure {
        long sent = 0;
        while (sent < request.byteSize()) {
            long n = Libc.send(callState, fd, request.asSlice(sent), request.byteSize() - sent, Libc.MSG_NOSIGNAL);
            if (n < 0) {
                int errno = Libc.errno(callState);
                if (errno == Libc.EINTR) continue;
                if (errno == Libc.EAGAIN) {
                    throw new JobFailure(ErrorKind.TIMEOUT, "could not send the request within " + plan.readTimeoutMs() + " ms");
                }
                throw Errno.failure("send", errno);
            }
            sent += n;
        }
    }
}
