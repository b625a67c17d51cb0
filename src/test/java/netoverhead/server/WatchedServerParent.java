package netoverhead.server;

import java.nio.file.Path;
import java.util.List;

/**
 * A parent for {@link ParentWatchTest}: starts a {@link ProgramServer} whose program forks, as nginx's master
 * forks its workers (a shell that starts {@code netoverhead serve} and a sleep), says SERVING and then either
 * waits to be killed ({@code wait}) or closes the server and says CLOSED ({@code close}).
 */
public final class WatchedServerParent {
    private WatchedServerParent() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long payloadBytes = 64 * 1024;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerSpec spec = ServerSpec.local("127.0.0.1", port, "/testpayload", payloadBytes, 4);
        ProgramServer server = ProgramServer.start("watched", "watched", spec, (dir, errorLog) -> List.of(
                "/bin/sh", "-c", "\"$@\" & sleep 600 & wait", "forking-server",
                java, "-cp", System.getProperty("java.class.path"), "netoverhead.Main", "serve",
                "--port", Integer.toString(port), "--payload", payloadBytes + "B", "--quiet"));
        System.out.println("SERVING " + server.pid());
        System.out.flush();
        if (args[1].equals("close")) {
            server.close();
            System.out.println("CLOSED");
            System.out.flush();
            return;
        }
        Thread.sleep(600_000);
    }
}
