package netoverhead.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;

import org.junit.jupiter.api.Test;

/**
 * One wording per failure whichever transport met it. The real resets of every model are in
 * reliability/ClientFailureTest; here the messages they arrive with, as those transports word them.
 */
class JobRecordTest {
    private static final String WHERE = "after 1234 of 5000 body bytes";

    private static JobRecord sent() {
        JobRecord r = new JobRecord(0);
        r.requestSentAt = 1;
        return r;
    }

    @Test
    void aResetReadsTheSameFromTheJdkAndFromNettysNativeTransports() {
        for (Throwable t : new Throwable[] {
                new SocketException("Connection reset"),
                new IOException("recvAddress(..) failed with error(-104): Connection reset by peer"),
                new IOException("io_uring read(..) failed with error(-104): Connection reset by peer")}) {
            JobRecord r = sent();
            r.fail(t, WHERE);
            assertThat(r.error).isEqualTo(ErrorKind.IO);
            assertThat(r.message).isEqualTo("Connection reset after 1234 of 5000 body bytes");
        }
    }

    @Test
    void beforeTheRequestWentOutThereIsNoResponseToPlace() {
        JobRecord r = new JobRecord(0);
        r.fail(new SocketException("Connection reset by peer"), WHERE);
        assertThat(r.message).isEqualTo("Connection reset");
    }

    @Test
    void otherIoFailuresKeepTheirWordsAndSayWhere() {
        JobRecord r = sent();
        r.fail(new IOException("Broken pipe"), WHERE);
        assertThat(r.error).isEqualTo(ErrorKind.IO);
        assertThat(r.message).isEqualTo("Broken pipe after 1234 of 5000 body bytes");
    }

    @Test
    void aFailureTheParserWordedIsKeptAsItIs() {
        JobRecord r = sent();
        r.fail(new JobFailure(ErrorKind.TRUNCATED, "connection closed after 1234 of 5000 body bytes"), WHERE);
        assertThat(r.error).isEqualTo(ErrorKind.TRUNCATED);
        assertThat(r.message).isEqualTo("connection closed after 1234 of 5000 body bytes");
    }

    @Test
    void timeoutsAreWordedOnce() {
        assertThat(JobFailure.connectTimeout(700).getMessage()).isEqualTo("connect timed out after 700 ms");
        assertThat(JobFailure.readTimeout(700, 0).getMessage()).isEqualTo("no data for 700 ms after 0 body bytes");
        assertThat(JobFailure.connectTimeout(700).kind()).isEqualTo(ErrorKind.TIMEOUT);
    }
}
