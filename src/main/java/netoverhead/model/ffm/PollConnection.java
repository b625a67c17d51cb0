package netoverhead.model.ffm;

import netoverhead.job.JobRecord;
import netoverhead.workload.Conversation;

/** One job of {@link FfmPollLoop}: its socket, its conversation and where it stands; its index is its struct pollfd's. */
final class PollConnection {
    /** Not in the loop's timer queue. */
    static final long UNSCHEDULED = Long.MAX_VALUE;

    final int index;
    final JobRecord record;
    final Conversation conversation;
    /** Its socket: a new one for each of churn's connections; -1 between closing one and creating the next. */
    int fd;
    final Sender sender = new Sender();
    /** connect(2) is under way. */
    boolean connecting;
    /** Once connected, whether the read timeout applies (not to an idle connection). */
    boolean timed;
    /** A send(2) left bytes over: the socket's send buffer is full until poll reports POLLOUT. */
    boolean blocked;
    /** The events its struct pollfd asks for. */
    short events;
    /** When it fails for lack of progress: the connect timeout, or the read timeout while a response is awaited. */
    long deadline;
    /** When its next request is due, while it is in the timer queue. */
    long timerAt = UNSCHEDULED;

    PollConnection(int index, JobRecord record, Conversation conversation, int fd) {
        this.index = index;
        this.record = record;
        this.conversation = conversation;
        this.fd = fd;
    }
}
