package netoverhead.server.link;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * An emulated network between this machine and a namespace of its own: a namespace, a veth pair with one
 * end here and one in the namespace, both shaped as the {@link LinkSpec} says. The server runs in the
 * namespace (see {@link #execPrefix()}) and the client connects to {@link #serverAddress()} from here, so
 * every byte crosses the shaped link. Everything is removed on {@link #close()}, on failure while it is set
 * up, and by a shutdown hook on Ctrl-C or SIGTERM.
 */
public final class EmulatedLink implements AutoCloseable {
    private final LinkSpec spec;
    private NetworkNamespace namespace;
    private VethPair veth;
    private final Thread hook = new Thread(this::teardown, "netoverhead-remove-link");
    private boolean hookAdded;
    private volatile boolean closed;

    private EmulatedLink(LinkSpec spec) {
        this.spec = spec;
    }

    public static EmulatedLink create(LinkSpec spec, Consumer<String> log) throws IOException {
        Privileges.requireNetworkAdmin();
        Ip.ip();
        Ip.tc();
        TrafficShaper.refuseWithoutNetem(spec);
        StaleLinks.remove(log);
        EmulatedLink link = new EmulatedLink(spec);
        try {
            link.build();
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
        log.accept("emulated link " + spec.label() + ": namespace " + link.namespace.name() + ", "
                + link.veth.a().device() + " " + link.veth.a().address() + " <-> " + link.veth.b().device() + " "
                + link.veth.b().address());
        return link;
    }

    private void build() throws IOException {
        // the hook goes in first: a Ctrl-C during setup removes whatever exists by then
        Runtime.getRuntime().addShutdownHook(hook);
        hookAdded = true;
        namespace = NetworkNamespace.create();
        try (Subnets.Lock ignored = Subnets.lock()) {
            Subnets.Slash30 subnet = Subnets.free();
            veth = VethPair.create(null, subnet.first(), namespace, subnet.second(), 30, spec.mtu());
        }
        TrafficShaper.shape(veth.a(), spec);
        TrafficShaper.shape(veth.b(), spec);
    }

    public LinkSpec spec() {
        return spec;
    }

    /** The label for rows measured over this link: "veth 1gbit". */
    public String label() {
        return spec.label();
    }

    public String namespaceName() {
        return namespace.name();
    }

    /** The namespace end's address: where the server listens and the client connects. */
    public String serverAddress() {
        return veth.b().address();
    }

    /** The command prefix that runs a program (the server) inside the namespace. */
    public List<String> execPrefix() throws IOException {
        return namespace.execPrefix();
    }

    @Override
    public void close() {
        teardown();
        if (hookAdded) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs teardown, which is idempotent
            }
        }
    }

    private synchronized void teardown() {
        if (closed) return;
        closed = true;
        if (veth != null) veth.close();
        if (namespace != null) namespace.close();
    }
}
