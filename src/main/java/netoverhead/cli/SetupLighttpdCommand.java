package netoverhead.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import netoverhead.config.Size;
import netoverhead.payload.PayloadFile;
import netoverhead.server.LighttpdConfig;
import netoverhead.server.ServerDirectory;

@Command(name = "setup-lighttpd", mixinStandardHelpOptions = true,
        description = {"Write a lighttpd.conf (sendfile backend, limits for the connection count) and the payload "
                + "file, with the same content as the embedded server's, for a lighttpd you start yourself.",
                "Then: lighttpd -D -f DIR/lighttpd.conf"})
public final class SetupLighttpdCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "lighttpd", paramLabel = "DIR",
            description = "Directory for lighttpd.conf and the document root (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--payload", paramLabel = "SIZE", defaultValue = "${env:TEST_PAYLOAD:-200}",
            converter = Converters.SizeConverter.class,
            description = "Payload size: bytes with a KiB, MiB, GiB or TiB suffix, a bare number is MiB "
                    + "(default: ${DEFAULT-VALUE}, or TEST_PAYLOAD in MiB).")
    Size payload;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address lighttpd listens on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "8000", description = "Port lighttpd listens on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--path", defaultValue = "/testpayload", description = "Path of the payload (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "${env:NO_CONNECTIONS:-100}",
            description = "The most concurrent connections lighttpd must hold (default: ${DEFAULT-VALUE}, or NO_CONNECTIONS).")
    int connections;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) throw new UsageException("--port must be between 1 and 65535, not " + port);
        if (connections < 1) throw new UsageException("--connections must be at least 1, not " + connections);
        if (!path.startsWith("/")) throw new UsageException("--path must start with '/', not '" + path + "'");
        Path root = dir.toAbsolutePath().normalize();
        Path docRoot = root.resolve("htdocs");
        Path payloadFile;
        try {
            payloadFile = ServerDirectory.payloadPath(docRoot, path);
        } catch (java.io.IOException e) {
            throw new UsageException(e.getMessage());
        }
        Path config = root.resolve("lighttpd.conf");
        Files.createDirectories(payloadFile.getParent());
        PayloadFile.write(payloadFile, payload.bytes());
        Files.writeString(config, LighttpdConfig.render(bind, port, docRoot, connections, null));
        System.out.println("wrote " + config + " and " + payloadFile + " (" + payload.bytes() + " bytes)");
        System.out.println("start lighttpd with:  lighttpd -D -f " + config);
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        System.out.println("then benchmark it:    ./netoverhead run " + bind + " " + port + " --server external"
                + (path.equals("/testpayload") ? "" : " --path " + path) + "   (it serves http://" + host + ":" + port + path + ")");
        return ExitCodes.OK;
    }
}
