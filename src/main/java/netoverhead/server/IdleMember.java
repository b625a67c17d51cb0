package netoverhead.server;

import java.nio.channels.SocketChannel;

import netoverhead.http.IdleFrames;

/**
 * One connection of an idle group, from its hello on: its place in the group's list, and the pings it has not
 * echoed yet, which its echoes must match. Its group's lock guards every field but the final ones.
 */
final class IdleMember {
    final IdleGroup group;
    final SocketChannel channel;
    int index = -1;          // in the group's list of pinged connections; -1 until the hello's answer is out
    boolean left;
    int warmupOutstanding;
    int measuredOutstanding;

    IdleMember(IdleGroup group, SocketChannel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** The answer to the hello is written whole: from now on the group's timeline writes to this connection. */
    void activate() {
        group.activate(this);
    }

    /**
     * Whether the connection waits for the group's frames: the server's sweep leaves it alone meanwhile. Asked on
     * the connection's event loop, which is the thread that activated it.
     */
    boolean waiting() {
        return index >= 0 && !group.ended();
    }

    /**
     * Takes the whole echo frames in bytes[from, to), read at {@code now}: how many bytes they were (a partial frame
     * stays for the next read), or -1 when they are not echoes of this connection's pings and it must be closed.
     */
    int echoes(byte[] bytes, int from, int to, long now) {
        int at = from;
        while (to - at >= IdleFrames.BYTES) {
            if (!group.echoed(this, bytes, at, now)) return -1;
            at += IdleFrames.BYTES;
        }
        return at - from;
    }

    /** The connection is closed: it leaves its group, which its registry drops once empty. */
    void leave() {
        group.leave(this);
    }
}
