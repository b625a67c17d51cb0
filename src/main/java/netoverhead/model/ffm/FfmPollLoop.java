package netoverhead.model.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.workload.Conversation;
import netoverhead.workload.Workload;

/**
 * One iteration of the FFM poll model: every connection, their struct pollfd array, the one receive buffer and
 * the timer of the open loop's sends. The wait ends at the earliest of the next due send and the next
 * deadline scan (every 100 ms); it is ppoll(2), whose timeout is in nanoseconds, so that a send is not late by
 * a rounded millisecond. After every read a connection is asked again what it has due: a response that frees
 * a slot of the pipeline lets the next request go out in the same turn. A socket asks for POLLIN once
 * connected, and for POLLOUT too only while a send(2) could not take everything. A churn conversation that is
 * done goes on in the same struct pollfd on a new socket; an idle connection has no deadline once connected,
 * and reads, as every connection, into the loop's one buffer.
 */
final class FfmPollLoop {
    private static final long SCAN_INTERVAL_NANOS = 100_000_000L;

    private final ClientPlan plan;
    private final Workload workload;
    private final JobRecord[] jobs;
    private final long origin;
    private final long readTimeoutNanos;
    private final long connectTimeoutNanos;
    private final MemorySegment callState;
    private final PollSet pollSet;
    private final MemorySegment timeout;
    private final MemorySegment optionScratch;
    private final MemorySegment sockaddr;
    private final int family;
    private final PollConnection[] connections;
    /** Connections whose next request is due later, earliest first; each at most once. */
    private final PollTimers timers;
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
        this.connectTimeoutNanos = plan.connectTimeoutNanos();
        this.callState = Libc.newCallState(arena);
        this.pollSet = new PollSet(arena, jobs.length);
        this.timeout = Libc.timespec(arena, 0);
        this.optionScratch = arena.allocate(Libc.INT_OPTION_BYTES, 4);
        InetSocketAddress address = plan.address();
        this.sockaddr = Libc.sockaddr(arena, address);
        this.family = Libc.family(address);
        this.connections = new PollConnection[jobs.length];
        this.timers = new PollTimers(jobs.length);
        this.buffer = arena.allocate(plan.bufferSize(), 16);
        this.view = buffer.asByteBuffer();
    }

    void run() {
        for (int i = 0; i < jobs.length; i++) setUp(i);
        long now = System.nanoTime();
        long nextScan = now + SCAN_INTERVAL_NANOS;
        while (active > 0) {
            now = runTimers(now);
            if (active == 0) break;
            long wake = Math.min(timers.earliest(), nextScan);
            Libc.setTimespec(timeout, Math.max(0, wake - now));
            int ready = pollSet.ppoll(callState, timeout);
            if (ready < 0 && Libc.errno(callState) != Libc.EINTR) {
                failAll(Errno.failure("ppoll", Libc.errno(callState)));
                return;
            }
            for (int i = 0; ready > 0 && i < connections.length; i++) {
                short revents = pollSet.revents(i);
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
    private void setUp(int i) {
        JobRecord r = jobs[i];
        pollSet.watch(i, -1, (short) 0);
        int fd = TimedSocket.open(r, origin, callState, family);
        if (fd < 0) return;
        long created = origin + r.socketStartAt + r.socketCreateNs;
        PollConnection c = new PollConnection(i, r, workload.open(r), fd);
        connections[i] = c;
        active++;
        try {
            NonBlockingSocket.nonBlocking(callState, fd);
            connect(c, created);
        } catch (JobFailure e) {
            fail(c, e);
            return;
        }
        r.setupNs = System.nanoTime() - created;
    }

    /** Starts the connect of {@code c}'s socket, created at {@code created}, and waits in poll for its end. */
    private void connect(PollConnection c, long created) throws JobFailure {
        c.conversation.connecting(created);
        c.deadline = created + connectTimeoutNanos;
        c.blocked = false;
        c.connecting = !NonBlockingSocket.connect(callState, c.fd, sockaddr);
        if (!c.connecting) connected(c, System.nanoTime());
        // a finished connect too waits for POLLOUT, so that every connection's first request goes out from the loop
        c.events = Libc.POLLOUT;
        pollSet.watch(c.index, c.fd, c.events);
    }

    private void connected(PollConnection c, long now) {
        c.conversation.connected(now);
        c.connecting = false;
        // an idle connection waits as long as the server keeps it: no deadline for it from here on
        c.timed = c.conversation.readTimeoutApplies();
        c.deadline = now + readTimeoutNanos;
    }

    /**
     * The conversation is done: churn's next connection, on a new socket in the same struct pollfd, when it asks
     * for one; else the job's end.
     */
    private void done(PollConnection c) throws JobFailure {
        if (!c.conversation.reconnect(System.nanoTime())) {
            finish(c);
            return;
        }
        timers.cancel(c);
        Libc.close(callState, c.fd);
        // the number may be another's from here on: never closed again
        c.fd = -1;
        pollSet.watch(c.index, -1, (short) 0);
        int fd = Libc.socket(callState, family, Libc.SOCK_STREAM, 0);
        long created = System.nanoTime();
        if (fd < 0) throw Errno.failure("socket", Libc.errno(callState));
        c.fd = fd;
        NonBlockingSocket.nonBlocking(callState, fd);
        connect(c, created);
    }

    private void setEvents(PollConnection c, short events) {
        if (c.events == events) return;
        c.events = events;
        pollSet.events(c.index, events);
    }

    /** What poll reported for one socket: a finished connect, room to send, bytes to read. */
    private void handle(PollConnection c, short revents) {
        try {
            if ((revents & Libc.POLLNVAL) != 0) throw new JobFailure(ErrorKind.IO, "poll: invalid socket");
            long now;
            if (c.connecting) {
                NonBlockingSocket.finishConnect(callState, c.fd, optionScratch);
                now = System.nanoTime();
                connected(c, now);
            } else {
                if ((revents & Libc.POLLOUT) != 0) c.blocked = false;
                if ((revents & (Libc.POLLIN | Libc.POLLERR | Libc.POLLHUP)) == 0) {
                    now = System.nanoTime();
                } else if (recvOnce(c)) {
                    done(c);
                    return;
                } else {
                    now = readAt;
                }
            }
            if (drive(c, now)) done(c);
        } catch (JobFailure | RuntimeException e) {
            fail(c, e);
        }
    }

    /**
     * One recv(2) into the shared buffer, its bytes to the conversation, stamped {@link #readAt}; true once the
     * conversation is done.
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
                if (due != Conversation.NEVER) timers.schedule(c, due);
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

    /** Drives every connection whose timer has come; returns the time now: {@code now} if none had. */
    private long runTimers(long now) {
        PollConnection c;
        boolean ran = false;
        while ((c = timers.takeDue(now)) != null) {
            ran = true;
            try {
                if (drive(c, now)) done(c);
            } catch (JobFailure | RuntimeException e) {
                fail(c, e);
            }
        }
        return ran ? System.nanoTime() : now;
    }

    /**
     * Fails the connections past their deadline: connecting, or with a response awaited or a send stuck; an idle
     * connection once connected has none.
     */
    private void expire(long now) {
        for (PollConnection c : connections) {
            if (c == null || !(c.connecting || c.timed) || now - c.deadline <= 0) continue;
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
        if (c.fd >= 0) Libc.close(callState, c.fd);
        pollSet.watch(c.index, -1, (short) 0);
        timers.cancel(c);
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
