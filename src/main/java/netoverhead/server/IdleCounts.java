package netoverhead.server;

/**
 * What the embedded server has done for one idle group so far (http/IdleFrames): pings written whole and echoes
 * read, per phase; the sum of the counts its RESULT frames carried; its connections now and in all; whether its
 * timeline has ended (BYE written); and how many of its connections the server closed itself, for a ping the socket
 * did not take whole or for bytes that were no echo.
 *
 * @param connections the group's connections open now (0 once the group is dropped)
 * @param hellos      the hellos the group admitted in all
 */
public record IdleCounts(String group, int connections, int hellos, boolean ended, long warmupPingsSent,
                         long measuredPingsSent, long warmupEchoes, long measuredEchoes, long resultCount,
                         int closedByServer) {
}
