package netoverhead.model.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.PriorityQueue;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.workload.Conversation;
import netoverhead.workload.Workload;

/**
 * One iteration of the FFM poll model: every connection, the struct pollfd array, the one receive buffer and
 * the timer of the open loop's sends. The wait ends at the earliest of the next due send and the next
 * deadline scan (every 100 ms); it is ppoll(2), whose timeout is in nanoseconds, so that a send is not late by
 * a rounded millisecond. After every read a connection is asked again what it has due: a response that frees
 * a slot of the pipeline lets the next request go out in the same turn. A socket asks for POLLIN once
 * connected, and for POLLOUT too only while a send(2) could not take everything.
 */
final class FfmPollLoop {
    private static final long SCAN_INTERVAL_NANOS = 100_000_000L;
    private static final Comparator<PollConnection> BY_TIMER = Comparator.comparingLong(c -> c.timerAt);

    private final ClientPlan plan;
    private final Workload workload;
    private final JobRecord[] jobs;
    private final long origin;
    private final long readTimeoutNanos;
    private final Arena arena;
    private final MemorySegment callState;
    private final MemorySegment pollfds;
    private final MemorySegment timeout;
    private final PollConnection[] connections;
    /** Connections whose next request is due later, earliest first; each at most once. */
    private final PriorityQueue<PollConnection> timers;
    private final MemorySegment buffer;
    /** The receive buffer as the conversations take the bytes read into it, made once. */
    private final ByteBuffer view;
    /** When the last recv(2) returned: the time its bytes arrived, and the time to send the next request at. */
    private long readAt;
    private int active;

    FfmPollLoop(ClientPlan plan, Workload workload, JobRecord[] jobs, Arena arena) {
        this.plan = plan;
        this.workload = workload;
        this.jobs = jobs;
        this.origin = workload.origin();
        this.readTimeoutNanos = plan.readTimeoutNanos();
        this.arena = arena;
        this.callState = Libc.newCallState(arena);
        this.pollfds = arena.allocate(Libc.POLLFD_SIZE * Math.max(1, jobs.length), 4);
        this.timeout = Libc.timespec(arena, 0);
        this.connections = new PollConnection[jobs.length];
        this.timers = new PriorityQueue<>(Math.max(1, jobs.length), BY_TIMER);
        this.buffer = arena.allocate(plan.bufferSize(), 16);
        this.view = buffer.asByteBuffer();
    }

    void run() {
        InetSocketAddress address = plan.address();
        MemorySegment sockaddr = Libc.sockaddr(arena, address);
        int family = Libc.family(address);
        for (int i = 0; i < jobs.length; i++) setUp(i, family, sockaddr);
        long now = System.nanoTime();
        long nextScan = now + SCAN_INTERVAL_NANOS;
        while (active > 0) {
            now = runTimers(now);
            if (active == 0) break;
            PollConnection first = timers.peek();
            long wake = first != null && first.timerAt < nextScan ? first.timerAt : nextScan;
            Libc.setTimespec(timeout, Math.max(0, wake - now));
            int ready = Libc.ppoll(callState, pollfds, jobs.length, timeout);
            if (ready < 0 && Libc.errno(callState) != Libc.EINTR) {
                failAll(Errno.failure("ppoll", Libc.errno(callState)));
                return;
            }
            for (int i = 0; ready > 0 && i < connections.length; i++) {
                short revents = pollfds.get(ValueLayout.JAVA_SHORT, i * Libc.POLLFD_SIZE + 6);
                if (revents == 0 || connections[i] == null) continue;
                ready--;
                handle(connections[i], revents);
            }
            now = System.nanoTime();
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
        int fd = TimedSocket.open(r, origin, callState, family);
        if (fd < 0) return;
        long created = origin + r.socketStartAt + r.socketCreateNs;
        int flags = Libc.fcntl(callState, fd, Libc.F_GETFL, 0);
        if (flags < 0 || Libc.fcntl(callState, fd, Libc.F_SETFL, flags | Libc.O_NONBLOCK) < 0) {
            abandon(r, fd, Errno.failure("fcntl", Libc.errno(callState)));
            return;
        }
        int rc = Libc.connect(callState, fd, sockaddr);
        long connectedAt = System.nanoTime();
        if (rc < 0 && Libc.errno(callState) != Libc.EINPROGRESS) {
            abandon(r, fd, Errno.failure("connect", Libc.errno(callState)));
            return;
        }
        Conversation conversation = workload.open(r);
        if (rc == 0) conversation.connected(connectedAt);
        PollConnection c = new PollConnection(i, r, conversation, fd, rc < 0, created + plan.connectTimeoutNanos());
        connections[i] = c;
        // a finished connect too waits for POLLOUT, so that every job's first request goes out from the loop
        c.events = Libc.POLLOUT;
        watch(i, fd, c.events);
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

    private void setEvents(PollConnection c, short events) {
        if (c.events == events) return;
        c.events = events;
        pollfds.set(ValueLayout.JAVA_SHORT, c.index * Libc.POLLFD_SIZE + 4, events);
    }

    /** What poll reported for one socket: a finished connect, room to send, bytes to read. */
    private void handle(PollConnection c, short revents) {
        try {
            if ((revents & Libc.POLLNVAL) != 0) throw new JobFailure(ErrorKind.IO, "poll: invalid socket");
            long now;
            if (c.connecting) {
                int error = Libc.getsockoptInt(callState, c.fd, Libc.SOL_SOCKET, Libc.SO_ERROR, arena);
                if (error < 0) throw Errno.failure("getsockopt", Libc.errno(callState));
                if (error != 0) throw Errno.failure("connect", error);
                now = System.nanoTime();
                c.conversation.connected(now);
                c.connecting = false;
                c.deadline = now + readTimeoutNanos;
            } else {
                if ((revents & Libc.POLLOUT) != 0) c.blocked = false;
                if ((revents & (Libc.POLLIN | Libc.POLLERR | Libc.POLLHUP)) == 0) {
                    now = System.nanoTime();
                } else if (recvOnce(c)) {
                    finish(c);
                    return;
                } else {
                    now = readAt;
                }
            }
            if (drive(c, now)) finish(c);
        } catch (JobFailure | RuntimeException e) {
            fail(c, e);
        }
    }

    /**
     * One recv(2) into the shared buffer, its bytes to the conversation, stamped {@link #readAt}; true once the
     * job has ended.
     */
    private boolean recvOnce(PollConnection c) throws JobFailure {
        long n = Libc.recv(callState, c.fd, buffer, buffer.byteSize(), 0);
        readAt = System.nanoTime();
        if (n < 0) {
            int errno = Libc.errno(callState);
            if (errno == Libc.EAGAIN || errno == Libc.EINTR) return false;
            throw Errno.failure("recv", errno, c.conversation.whereNow());
        }
        if (n == 0) {
            c.conversation.endOfStream(readAt);
            return true;
        }
        c.deadline = readAt + readTimeoutNanos;
        view.clear().limit((int) n);
        return c.conversation.received(view, readAt);
    }

    /**
     * Sends what the conversation has due until it has nothing more due or the socket takes no more, then sets
     * the events to wait for and, when its next request is due later, its timer; true once it is done.
     */
    private boolean drive(PollConnection c, long now) throws JobFailure {
        Conversation conversation = c.conversation;
        while (!c.blocked) {
            long due = conversation.nextSendAt(now);
            if (conversation.done()) return true;
            if (due > now) {
                if (due != Conversation.NEVER) schedule(c, due);
                break;
            }
            boolean awaited = conversation.awaitingResponse();
            ByteBuffer out = conversation.outgoing(now);
            if (!out.hasRemaining()) break;
            if (c.sender.send(callState, c.fd, out) < 0) {
                int errno = Libc.errno(callState);
                if (errno == Libc.EINTR) continue;
                if (errno != Libc.EAGAIN) throw Errno.failure("send", errno);
                c.blocked = true;
                break;
            }
            now = System.nanoTime();
            conversation.wrote(now);
            // the read timeout starts with the first request in flight
            if (!awaited) c.deadline = now + readTimeoutNanos;
            // a non-blocking send(2) takes less than everything only when the socket's send buffer is full
            if (out.hasRemaining()) c.blocked = true;
        }
        setEvents(c, c.blocked ? (short) (Libc.POLLIN | Libc.POLLOUT) : Libc.POLLIN);
        return false;
    }

    /** Wakes the loop for the connection at {@code due}, unless it is woken earlier already. */
    private void schedule(PollConnection c, long due) {
        if (c.timerAt != PollConnection.UNSCHEDULED) {
            if (c.timerAt <= due) return; // that wake-up asks again and schedules this one
            timers.remove(c);
        }
        c.timerAt = due;
        timers.add(c);
    }

    /** Drives every connection whose timer has come; returns the time now: {@code now} if none had. */
    private long runTimers(long now) {
        PollConnection c;
        boolean ran = false;
        while ((c = timers.peek()) != null && c.timerAt <= now) {
            ran = true;
            timers.poll();
            c.timerAt = PollConnection.UNSCHEDULED;
            try {
                if (drive(c, now)) finish(c);
            } catch (JobFailure | RuntimeException e) {
                fail(c, e);
            }
        }
        return ran ? System.nanoTime() : now;
    }

    /** Fails the connections past their deadline: connecting, or with a response awaited or a send stuck. */
    private void expire(long now) {
        for (PollConnection c : connections) {
            if (c == null || now - c.deadline <= 0) continue;
            if (c.connecting) {
                c.record.fail(JobFailure.connectTimeout(plan.connectTimeoutMs()));
            } else if (c.conversation.awaitingResponse() || c.blocked) {
                c.record.fail(JobFailure.readTimeout(plan.readTimeoutMs(), c.conversation.bodyBytes()));
            } else {
                continue; // nothing is awaited: no read timeout
            }
            finish(c);
        }
    }

    /** Ends the job with a failure: a JobFailure as it is, anything else with where the response stood. */
    private void fail(PollConnection c, Exception e) {
        c.record.fail(e, c.conversation.whereNow());
        finish(c);
    }

    private void finish(PollConnection c) {
        c.conversation.end(System.nanoTime());
        Libc.close(callState, c.fd);
        watch(c.index, -1, (short) 0);
        if (c.timerAt != PollConnection.UNSCHEDULED) timers.remove(c);
        connections[c.index] = null;
        active--;
    }

    private void failAll(JobFailure why) {
        for (PollConnection c : connections) {
            if (c == null) continue;
            c.record.fail(why);
            finish(c);
        }
    }
}
