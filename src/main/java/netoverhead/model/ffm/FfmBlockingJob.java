package netoverhead.model.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.model.JobStart;
import netoverhead.workload.Conversation;

/**
 * One job of the FFM threaded model, on its own platform thread: connect(2), then what the conversation asks
 * for: a blocking send(2) of what is due, a blocking recv(2) into a buffer the thread owns while responses are
 * awaited, or, when nothing is in flight and the next request is due later (rr's open loop), a sleep until its
 * intended time; then, for churn, the same again on a new socket while the conversation asks to reconnect.
 * Timeouts are the kernel's: SO_SNDTIMEO bounds connect(2) (it then fails with EINPROGRESS) and send(2),
 * SO_RCVTIMEO bounds each recv(2) (EAGAIN), which is exactly "no data for the read timeout", and recv(2) is
 * called only while a response is awaited. An idle connection has neither once connected: it blocks in recv(2)
 * for as long as the server keeps it.
 */
final class FfmBlockingJob implements Runnable {
    private static final int RECVS_PER_CALL = 16;

    private final JobRecord record;
    private final Conversation conversation;
    private final ClientPlan plan;
    private final InetSocketAddress address;
    private final long createdAt;
    private final Sender sender = new Sender();
    /** The connection's socket; -1 between closing one and creating the next. */
    private int fd;
    private boolean started;
    private MemorySegment callState;
    private MemorySegment buffer;
    private ByteBuffer view;

    /** @param createdAt when {@code fd} was created, a {@link System#nanoTime()} */
    FfmBlockingJob(int fd, long createdAt, JobRecord record, Conversation conversation, ClientPlan plan,
                   InetSocketAddress address) {
        this.fd = fd;
        this.createdAt = createdAt;
        this.record = record;
        this.conversation = conversation;
        this.plan = plan;
        this.address = address;
    }

    @Override
    public void run() {
        try (Arena arena = Arena.ofConfined()) {
            callState = Libc.newCallState(arena);
            try {
                MemorySegment sockaddr = Libc.sockaddr(arena, address);
                MemorySegment connectTimeout = Libc.timeval(arena, plan.connectTimeoutMs());
                MemorySegment readTimeout = Libc.timeval(arena, plan.readTimeoutMs());
                MemorySegment none = Libc.timeval(arena, 0);
                conversation.connecting(createdAt);
                while (true) {
                    connect(sockaddr, connectTimeout);
                    conversation.connected(System.nanoTime());
                    if (conversation.readTimeoutApplies()) {
                        timeout(Libc.SO_SNDTIMEO, readTimeout);
                        timeout(Libc.SO_RCVTIMEO, readTimeout);
                    } else {
                        // an idle connection waits as long as the server keeps it: no kernel timeout on it
                        timeout(Libc.SO_SNDTIMEO, none);
                    }
                    converse(arena);
                    if (!conversation.reconnect(System.nanoTime())) break;
                    // churn: the next connection of the same conversation, on a socket of its own
                    reopen();
                }
            } catch (JobFailure f) {
                record.fail(f);
            } catch (RuntimeException e) {
                record.fail(e, conversation.whereNow());
            } finally {
                conversation.end(System.nanoTime());
                if (fd >= 0) Libc.close(callState, fd);
            }
        }
    }

    /** A blocking connect(2), bounded by SO_SNDTIMEO. */
    private void connect(MemorySegment sockaddr, MemorySegment connectTimeout) throws JobFailure {
        timeout(Libc.SO_SNDTIMEO, connectTimeout);
        if (Libc.connect(callState, fd, sockaddr) < 0) {
            int errno = Libc.errno(callState);
            if (errno == Libc.EINPROGRESS || errno == Libc.EAGAIN) {
                throw JobFailure.connectTimeout(plan.connectTimeoutMs());
            }
            throw Errno.failure("connect", errno);
        }
    }

    /** Closes the done connection's socket and creates the next one, which the conversation is told of. */
    private void reopen() throws JobFailure {
        Libc.close(callState, fd);
        // the number may be another's from here on: never closed again
        fd = -1;
        int next = Libc.socket(callState, Libc.family(address), Libc.SOCK_STREAM, 0);
        long created = System.nanoTime();
        if (next < 0) throw Errno.failure("socket", Libc.errno(callState));
        fd = next;
        conversation.connecting(created);
    }

    /** Drives the conversation until it is done; a failure ends it with a JobFailure. */
    private void converse(Arena arena) throws JobFailure {
        while (true) {
            long now = System.nanoTime();
            long due = conversation.nextSendAt(now);
            if (conversation.done()) return;
            if (due <= now && sendDue(now)) {
                if (!started) {
                    JobStart.leave(plan);
                    started = true;
                }
            } else if (conversation.awaitingResponse()) {
                if (buffer == null) {
                    // once a response is awaited: nothing stands between the connect and the first request
                    buffer = arena.allocate(plan.bufferSize(), 16);
                    view = buffer.asByteBuffer(); // the received bytes as the conversation takes them, made once
                }
                // in calls of RECVS_PER_CALL, so that the loop every job thread runs is compiled code from its
                // first turn (BlockingJob says why)
                if (recvSome()) return;
            } else {
                // open loop, nothing in flight: sleep until the next intended send time
                LockSupport.parkNanos(due - now);
            }
        }
    }

    /** Sends everything due now with blocking send(2)s; false if nothing was due. */
    private boolean sendDue(long now) throws JobFailure {
        ByteBuffer out = conversation.outgoing(now);
        if (!out.hasRemaining()) return false;
        while (out.hasRemaining()) {
            if (sender.send(callState, fd, out) < 0) {
                int errno = Libc.errno(callState);
                if (errno == Libc.EINTR) continue;
                if (errno == Libc.EAGAIN) {
                    throw new JobFailure(ErrorKind.TIMEOUT, "could not send the request within " + plan.readTimeoutMs() + " ms");
                }
                throw Errno.failure("send", errno);
            }
            conversation.wrote(System.nanoTime());
        }
        return true;
    }

    /** Up to RECVS_PER_CALL recv(2)s while a response is awaited, each one's bytes to the conversation; true once it is done. */
    private boolean recvSome() throws JobFailure {
        for (int i = 0; i < RECVS_PER_CALL && conversation.awaitingResponse(); i++) {
            long n = Libc.recv(callState, fd, buffer, buffer.byteSize(), 0);
            if (n < 0) {
                int errno = Libc.errno(callState);
                if (errno == Libc.EINTR) continue;
                if (errno == Libc.EAGAIN) throw JobFailure.readTimeout(plan.readTimeoutMs(), conversation.bodyBytes());
                throw Errno.failure("recv", errno, conversation.whereNow());
            }
            if (n == 0) {
                conversation.endOfStream(System.nanoTime());
                return true;
            }
            view.clear().limit((int) n);
            if (conversation.received(view, System.nanoTime())) return true;
        }
        return conversation.done();
    }

    private void timeout(int option, MemorySegment timeval) throws JobFailure {
        if (Libc.setsockopt(callState, fd, Libc.SOL_SOCKET, option, timeval) < 0) {
            throw Errno.failure("setsockopt", Libc.errno(callState));
        }
    }
}
