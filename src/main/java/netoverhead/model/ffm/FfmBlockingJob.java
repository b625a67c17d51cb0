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
 * intended time. Timeouts are the kernel's: SO_SNDTIMEO bounds connect(2) (it then fails with EINPROGRESS) and
 * send(2), SO_RCVTIMEO bounds each recv(2) (EAGAIN), which is exactly "no data for the read timeout", and
 * recv(2) is called only while a response is awaited.
 */
final class FfmBlockingJob implements Runnable {
    private static final int RECVS_PER_CALL = 16;

    private final int fd;
    private final JobRecord record;
    private final Conversation conversation;
    private final ClientPlan plan;
    private final InetSocketAddress address;
    private final Sender sender = new Sender();
    private MemorySegment callState;
    private MemorySegment buffer;
    private ByteBuffer view;

    FfmBlockingJob(int fd, JobRecord record, Conversation conversation, ClientPlan plan, InetSocketAddress address) {
        this.fd = fd;
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
                timeout(Libc.SO_SNDTIMEO, Libc.timeval(arena, plan.connectTimeoutMs()));
                if (Libc.connect(callState, fd, Libc.sockaddr(arena, address)) < 0) {
                    int errno = Libc.errno(callState);
                    if (errno == Libc.EINPROGRESS || errno == Libc.EAGAIN) {
                        throw JobFailure.connectTimeout(plan.connectTimeoutMs());
                    }
                    throw Errno.failure("connect", errno);
                }
                conversation.connected(System.nanoTime());
                MemorySegment readTimeout = Libc.timeval(arena, plan.readTimeoutMs());
                timeout(Libc.SO_SNDTIMEO, readTimeout);
                timeout(Libc.SO_RCVTIMEO, readTimeout);
                converse(arena);
            } catch (JobFailure f) {
                record.fail(f);
            } catch (RuntimeException e) {
                record.fail(e, conversation.whereNow());
            } finally {
                conversation.end(System.nanoTime());
                Libc.close(callState, fd);
            }
        }
    }

    /** Drives the conversation until it is done; a failure ends it with a JobFailure. */
    private void converse(Arena arena) throws JobFailure {
        boolean first = true;
        while (true) {
            long now = System.nanoTime();
            long due = conversation.nextSendAt(now);
            if (conversation.done()) return;
            if (due <= now && sendDue(now)) {
                if (first) {
                    JobStart.leave(plan);
                    first = false;
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
