package netoverhead.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import netoverhead.process.Binaries;
import netoverhead.server.link.Privileges;

/** nginx, started by the tool from a configuration it writes into a temporary directory. */
public final class NginxServer {
    private NginxServer() {}

    public static Path binary() throws IOException {
        return Binaries.require("nginx", "nginx-light");
    }

    /** "nginx/1.22.1", from {@code nginx -v} (which prints on standard error). */
    public static String version(Path binary) throws IOException {
        Binaries.Output out = Binaries.run(List.of(binary.toString(), "-v"), 10);
        String text = (out.stderr() + out.stdout()).strip();
        int at = text.indexOf("nginx/");
        return at < 0 ? "nginx" : text.substring(at).split("\\s+")[0];
    }

    public static ProgramServer start(ServerSpec spec) throws IOException, InterruptedException {
        Path binary = binary();
        return ProgramServer.start("nginx", version(binary), spec, (dir, errorLog) -> {
            Path config = dir.root().resolve("nginx.conf");
            Files.createDirectories(dir.root().resolve("tmp"));
            Files.writeString(config, NginxConfig.render(spec.host(), spec.port(), dir.docRoot(), spec.connections(),
                    dir.root(), Privileges.isRoot()));
            // -e: the log for what happens before the configuration is read, which would otherwise go to /var/log
            return List.of(binary.toString(), "-e", errorLog.toString(), "-p", dir.root().toString(), "-c",
                    config.toString());
        });
    }
}
