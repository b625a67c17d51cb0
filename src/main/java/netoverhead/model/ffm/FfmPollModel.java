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
import netoverhead.workload.Workload;

/**
 * The Haiku suite's poll() client, system call for system call, through java.lang.foreign instead of JDK NIO: for
 * each job socket(2), fcntl(2) twice to make it non-blocking and a connect(2) that returns EINPROGRESS, one
 * after another; then one thread calls poll(2) over an array of struct pollfd, finishes connects with
 * getsockopt(SO_ERROR), sends the request and calls recv(2) once per readable socket into one shared buffer.
 */
public final class FfmPollModel extends FfmModel {
    private static final long SCAN_INTERVAL_NANOS = 100_000_000L;

    private enum Phase { CONNECTING, SENDING, READING }

    /** One job's socket and progress; its index is its struct pollfd's index. */
    private static final class Connection {
        final JobRecord record;
        final ResponseParser parser;
        final int fd;
        Phase phase;
        long sent;
        long deadline;

        Connection(JobRecord record, ResponseParser parser, int fd, Phase phase, long deadline) {
            this.record = record;
            this.parser = parser;
            this.fd = fd;
            this.phase = phase;
            this.deadline = deadline;
        }
    }

    @Override public String name() { return "ffm-poll"; }

    @Override public String label() { return "FFM `poll()`-based"; }

    @Override
    public String description() {
        return "one thread, poll(2) and non-blocking recv(2) from libc through java.lang.foreign; no JDK NIO";
    }

    @Override
    public void run(ClientPlan plan, Workload workload, JobRecord[] jobs) {
        long origin = workload.origin();
        try (Arena arena = Arena.ofConfined()) {
            new Loop(plan, jobs, origin, arena).run();
        }
    }

    /** The state of one iteration: every connection, the pollfd array and the one read buffer. */
    private static final class Loop {
        private final ClientPlan plan;
        private final JobRecord[] jobs;
        private final long origin;
        private final Arena arena;
        private final MemorySegment callState;
        private final MemorySegment pollfds;
        private final Connection[] connections;
        private final MemorySegment buffer;
        private final ByteBuffer bufferView;
        private final MemorySegment request;
        private int active;

        Loop(ClientPlan plan, JobRecord[] jobs, long origin, Arena arena) {
            this.plan = plan;
            this.jobs = jobs;
            this.origin = origin;
            this.arena = arena;
            this.callState = Libc.newCallState(arena);
            this.pollfds = arena.allocate(Libc.POLLFD_SIZE * Math.max(1, jobs.length), 4);
            this.connections = new Connection[jobs.length];
            this.buffer = arena.allocate(plan.bufferSize(), 16);
            this.bufferView = buffer.asByteBuffer();
            this.request = arena.allocateFrom(ValueLayout.JAVA_BYTE, plan.request());
        }

        void run() {
            InetSocketAddress address = plan.address();
            MemorySegment sockaddr = Libc.sockaddr(arena, address);
            int family = Libc.family(address);
            for (int i = 0; i < jobs.length; i++) setUp(i, family, sockaddr);
            long nextScan = System.nanoTime() + SCAN_INTERVAL_NANOS;
            while (active > 0) {
                int ready = Libc.poll(callState, pollfds, jobs.length, 100);
                if (ready < 0 && Libc.errno(callState) != Libc.EINTR) {
                    failAll(Errno.failure("poll", Libc.errno(callState)));
                    return;
                }
                long now = System.nanoTime();
                for (int i = 0; ready > 0 && i < connections.length; i++) {
                    short revents = pollfds.get(ValueLayout.JAVA_SHORT, i * Libc.POLLFD_SIZE + 6);
                    if (revents == 0 || connections[i] == null) continue;
                    ready--;
                    handle(i, revents, now);
                }
                if (now - nextScan > 0) {
                    expire(now);
                    nextScan = now + SCAN_INTERVAL_NANOS;
                }
            }
        }

        /** socket, fcntl(F_GETFL), fcntl(F_SETFL, O_NONBLOCK), connect: stamped as in the Haiku suite. */
        private void setUp(int i, int family, MemorySegment sockaddr) {
            JobRecord r = jobs[i];
            watch(i, -1, (short) 0);
            long start = System.nanoTime();
            int fd = Libc.socket(callState, family, Libc.SOCK_STREAM, 0);
            long created = System.nanoTime();
            if (fd < 0) {
                r.fail(Errno.failure("socket", Libc.errno(callState)));
                r.endAt = created - origin;
                return;
            }
            r.socketStartAt = start - origin;
            r.socketCreateNs = created - start;
            int flags = Libc.fcntl(callState, fd, Libc.F_GETFL, 0);
            if (flags < 0 || Libc.fcntl(callState, fd, Libc.F_SETFL, flags | Libc.O_NONBLOCK) < 0) {
                abandon(r, fd, Errno.failure("fcntl", Libc.errno(callState)));
                return;
            }
            int rc = Libc.connect(callState, fd, sockaddr);
            Phase phase = Phase.SENDING;
            if (rc < 0) {
                int errno = Libc.errno(callState);
                if (errno != Libc.EINPROGRESS) {
                    abandon(r, fd, Errno.failure("connect", errno));
                    return;
                }
                phase = Phase.CONNECTING;
            } else {
                r.connectedAt = System.nanoTime() - origin;
            }
            connections[i] = new Connection(r, plan.newParser(), fd, phase, created + plan.connectTimeoutNanos());
            watch(i, fd, Libc.POLLOUT);
            active++;
            r.setupNs = System.nanoTime() - created;
        }

        private void abandon(JobRecord r, int fd, JobFailure why) {
            r.fail(why);
            Libc.close(callState, fd);
            r.endAt = System.nanoTime() - origin;
        }

        private void watch(int i, int fd, short events) {
            long at = i * Libc.POLLFD_SIZE;
            pollfds.set(ValueLayout.JAVA_INT, at, fd);
            pollfds.set(ValueLayout.JAVA_SHORT, at + 4, events);
            pollfds.set(ValueLayout.JAVA_SHORT, at + 6, (short) 0);
        }

        private void handle(int i, short revents, long now) {
            Connection c = connections[i];
            try {
                if ((revents & Libc.POLLNVAL) != 0) throw new JobFailure(ErrorKind.IO, "poll: invalid socket");
                if (c.phase == Phase.CONNECTING) {
                    int error = Libc.getsockoptInt(callState, c.fd, Libc.SOL_SOCKET, Libc.SO_ERROR, arena);
                    if (error < 0) throw Errno.failure("getsockopt", Libc.errno(callState));
                    if (error != 0) throw Errno.failure("connect", error);
                    c.record.connectedAt = System.nanoTime() - origin;
                    c.phase = Phase.SENDING;
                    c.deadline = now + plan.readTimeoutNanos();
                }
                if (c.phase == Phase.SENDING) {
                    send(i, c);
                    return;
                }
                long n = Libc.recv(callState, c.fd, buffer, buffer.byteSize(), 0);
                if (n < 0) {
                    int errno = Libc.errno(callState);
                    if (errno == Libc.EAGAIN || errno == Libc.EINTR) return;
                    throw Errno.failure("recv", errno, c.parser.whereNow());
                }
                if (n == 0) {
                    c.parser.endOfStream();
                    finish(i);
                    return;
                }
                c.deadline = now + plan.readTimeoutNanos();
                bufferView.clear().limit((int) n);
                if (c.parser.feed(bufferView)) finish(i);
            } catch (JobFailure f) {
                c.record.fail(f);
                finish(i);
            }
        }

        private void send(int i, Connection c) throws JobFailure {
            long length = request.byteSize();
            long n = Libc.send(callState, c.fd, request.asSlice(c.sent), length - c.sent, Libc.MSG_NOSIGNAL);
            if (n < 0) {
                int errno = Libc.errno(callState);
                if (errno == Libc.EAGAIN || errno == Libc.EINTR) return;
                throw Errno.failure("send", errno);
            }
            c.sent += n;
            if (c.sent < length) return;
            c.record.requestSentAt = System.nanoTime() - origin;
            c.phase = Phase.READING;
            watch(i, c.fd, Libc.POLLIN);
        }

        private void expire(long now) {
            for (int i = 0; i < connections.length; i++) {
                Connection c = connections[i];
                if (c == null || now - c.deadline <= 0) continue;
                c.record.fail(c.record.connectedAt < 0 ? JobFailure.connectTimeout(plan.connectTimeoutMs())
                        : JobFailure.readTimeout(plan.readTimeoutMs(), c.parser.bodyBytes()));
                finish(i);
            }
        }

        private void finish(int i) {
            Connection c = connections[i];
            c.parser.endJob(c.record, origin);
            Libc.close(callState, c.fd);
            watch(i, -1, (short) 0);
            connections[i] = null;
            active--;
        }

        private void failAll(JobFailure why) {
            for (int i = 0; i < connections.length; i++) {
                if (connections[i] != null) {
                    connections[i].record.fail(why);
                    finish(i);
                }
            }
        }
    }
}
