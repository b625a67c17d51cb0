package netoverhead.model.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;

/**
 * libc's errno as a job failure, with libc's own words (strerror): a connect without a local port left is
 * {@link ErrorKind#PORTS} with its remedy, as in every other model; others keep their kinds.
 */
class ErrnoTest {
    @BeforeAll
    static void ffmAvailable() {
        var availability = FfmSupport.availability();
        Assumptions.assumeTrue(availability.available(), () -> "FFM " + availability);
    }

    @Test
    void noLocalPortIsAPortsFailureInLibcsWordsWithItsRemedy() {
        JobFailure f = Errno.failure("connect", Libc.EADDRNOTAVAIL);
        assertThat(f.kind()).isEqualTo(ErrorKind.PORTS);
        assertThat(f.getMessage()).isEqualTo(JobFailure.noPorts("connect: "
                + JobFailure.NO_PORTS_TEXT + " (errno 99)").getMessage());
        assertThat(f.getMessage()).startsWith("connect: Cannot assign requested address (errno 99): no local port left");
    }

    @Test
    void otherErrorsKeepTheirKinds() {
        assertThat(Errno.failure("connect", Libc.ECONNREFUSED).kind()).isEqualTo(ErrorKind.CONNECT);
        assertThat(Errno.failure("connect", Libc.ECONNREFUSED).getMessage())
                .isEqualTo("connect: Connection refused (errno 111)");
        assertThat(Errno.failure("recv", Libc.ECONNRESET, "after 3 of 9 body bytes").getMessage())
                .isEqualTo("Connection reset after 3 of 9 body bytes");
        assertThat(Errno.failure("socket", 24).kind()).isEqualTo(ErrorKind.IO);
    }
}
