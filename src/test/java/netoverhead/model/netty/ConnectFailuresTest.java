package netoverhead.model.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;

import io.netty.channel.ChannelException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import org.junit.jupiter.api.Test;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobRecord;

/**
 * A connect that fails for want of a local port counts as {@link ErrorKind#PORTS} however Netty hands the failure
 * over. Running out of ephemeral ports for real would take every port of this shared machine, so the failures are
 * Netty's own exceptions for EADDRNOTAVAIL, made by its native library, as its transports wrap them.
 */
class ConnectFailuresTest {
    private static final int EADDRNOTAVAIL = 99;

    @Test
    void nettysNativeNoPortErrorIsAPortsFailureBareOrWrapped() {
        assumeTrue(Epoll.isAvailable(), "Netty's native library (for its error texts)");
        Throwable nativeError = catchThrowable(() -> Errors.throwConnectException("connect", -EADDRNOTAVAIL));
        assertThat(nativeError).isInstanceOf(IOException.class).hasMessageContaining("Cannot assign requested address");

        assertThat(recorded(nativeError).error).isEqualTo(ErrorKind.PORTS);
        JobRecord wrapped = recorded(new ChannelException("Unable to create Channel", nativeError));
        assertThat(wrapped.error).isEqualTo(ErrorKind.PORTS);
        assertThat(wrapped.message).contains("connect(..) failed").contains("ip_local_port_range");
    }

    @Test
    void theWordsWithoutAnIOExceptionAroundThemAreAPortsFailureToo() {
        JobRecord record = recorded(new ChannelException("connect(..) failed: Cannot assign requested address"));
        assertThat(record.error).isEqualTo(ErrorKind.PORTS);
    }

    @Test
    void otherConnectFailuresKeepTheirKind() {
        ConnectException refused = new ConnectException("connect(..) failed: Connection refused");
        assertThat(ConnectFailures.reportable(refused)).isSameAs(refused);
        assertThat(recorded(new ChannelException("wrapped", refused)).error).isNotEqualTo(ErrorKind.PORTS);
        assertThat(recorded(refused).error).isEqualTo(ErrorKind.CONNECT);
    }

    private static JobRecord recorded(Throwable cause) {
        JobRecord record = new JobRecord(0);
        record.fail(ConnectFailures.reportable(cause));
        return record;
    }
}
