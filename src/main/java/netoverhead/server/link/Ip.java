package netoverhead.server.link;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import netoverhead.process.Binaries;

/** The iproute2 commands (ip, tc) the links are made of, each bounded in time. */
final class Ip {
    private static final long TIMEOUT_SECONDS = 20;

    private Ip() {}

    static Path ip() throws IOException {
        return Binaries.require("ip", "iproute2");
    }

    static Path tc() throws IOException {
        return Binaries.require("tc", "iproute2");
    }

    /** Runs {@code ip ARGS...}; a failure is an IOException that names the command and what it said. */
    static String ip(String... args) throws IOException {
        return Binaries.check(command(ip(), args), TIMEOUT_SECONDS);
    }

    static String tc(String... args) throws IOException {
        return Binaries.check(command(tc(), args), TIMEOUT_SECONDS);
    }

    /** Runs {@code ip ARGS...} for cleanup: failures (already gone) are not errors. */
    static boolean ipQuietly(String... args) {
        try {
            return Binaries.run(command(ip(), args), TIMEOUT_SECONDS).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> command(Path program, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(program.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
