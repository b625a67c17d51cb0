package netoverhead.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import netoverhead.process.Binaries;

/** lighttpd, started by the tool from a configuration it writes into a temporary directory. */
public final class LighttpdServer {
    private LighttpdServer() {}

    public static Path binary() throws IOException {
        return Binaries.require("lighttpd", "lighttpd");
    }

    /** "lighttpd/1.4.69", from {@code lighttpd -v}. */
    public static String version(Path binary) throws IOException {
        String out = Binaries.check(List.of(binary.toString(), "-v"), 10).strip();
        return out.isEmpty() ? "lighttpd" : out.split("\\s+")[0];
    }

    public static ProgramServer start(ServerSpec spec) throws IOException, InterruptedException {
        Path binary = binary();
        return ProgramServer.start("lighttpd", version(binary), spec, (dir, errorLog) -> {
            Path config = dir.root().resolve("lighttpd.conf");
            Files.writeString(config, LighttpdConfig.render(spec.host(), spec.port(), dir.docRoot(), spec.connections(),
                    errorLog));
            // -D: stay in the foreground, under the watch, so that stopping it is ending one process
            return List.of(binary.toString(), "-D", "-f", config.toString());
        });
    }
}
