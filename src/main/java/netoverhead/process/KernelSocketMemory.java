package netoverhead.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the kernel holds for TCP sockets, which no process's RSS includes: the socket structures (the slab caches
 * {@code TCP}, {@code TCPv6} and {@code sock_inode_cache} of /proc/slabinfo, objects in use times their size, over
 * the whole machine) and their buffers ({@code mem} of the TCP line of /proc/&lt;pid&gt;/net/sockstat, in pages,
 * over the process's network namespace). A difference of two readings is what the sockets opened between them
 * cost the kernel, both ends of a loopback connection included. Reading /proc/slabinfo takes root.
 */
public final class KernelSocketMemory {
    private static final Set<String> SOCKET_SLABS = Set.of("TCP", "TCPv6", "sock_inode_cache");
    private static final long PAGE_SIZE = 4096;

    private KernelSocketMemory() {}

    /** Bytes now, seen from the network namespace of {@code pid}; empty where either file cannot be read. */
    public static OptionalLong bytes(long pid) {
        try {
            return OptionalLong.of(slabBytes(Files.readString(Path.of("/proc/slabinfo")))
                    + bufferBytes(Files.readString(Path.of("/proc", Long.toString(pid), "net", "sockstat"))));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The socket structures in /proc/slabinfo's text: active objects times object size, summed. */
    static long slabBytes(String slabinfo) {
        long total = 0;
        for (String line : slabinfo.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && SOCKET_SLABS.contains(f[0])) total += Long.parseLong(f[1]) * Long.parseLong(f[3]);
        }
        return total;
    }

    /** TCP's buffers in /proc/net/sockstat's text: the pages of "mem" on the TCP line, in bytes. */
    static long bufferBytes(String sockstat) {
        for (String line : sockstat.lines().toList()) {
            if (!line.startsWith("TCP:")) continue;
            String[] f = line.trim().split("\\s+");
            for (int i = 1; i + 1 < f.length; i++) {
                if (f[i].equals("mem")) return Long.parseLong(f[i + 1]) * PAGE_SIZE;
            }
        }
        throw new IllegalArgumentException("no TCP mem in sockstat");
    }
}
