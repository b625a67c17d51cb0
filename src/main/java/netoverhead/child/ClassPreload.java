package netoverhead.child;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import netoverhead.http.ResponseParser;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;

/**
 * Loads, before the measured window, the JDK classes that every Java model touches, so that the first
 * job's socket creation time is the system call and not class loading, as it is for the native clients.
 */
final class ClassPreload {
    private ClassPreload() {}

    static void common(ClientPlan plan) {
        try {
            SocketChannel.open().close();
            Selector.open().close();
            plan.address();
            ByteBuffer.allocateDirect(1);
            byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx".getBytes(StandardCharsets.US_ASCII);
            new ResponseParser().feed(response, 0, response.length);
            new JobRecord(-1).fail(new IOException("warm-up"));
        } catch (IOException | JobFailure e) {
            // nothing measured depends on it: the first job pays for what is not loaded here
        }
    }
}
