package netoverhead.model.ffm;

import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.util.List;
import java.util.Locale;

import netoverhead.model.Availability;

/**
 * Whether the FFM models can run here, checked in the parent without touching {@link Libc}: binding a
 * downcall is a restricted operation, allowed without a warning only in the child JVM, which is started
 * with {@link #JVM_OPTIONS}.
 */
final class FfmSupport {
    static final List<String> JVM_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED");

    private static final String[] SYMBOLS = {"socket", "fcntl", "connect", "send", "recv", "ppoll", "close",
            "setsockopt", "getsockopt", "strerror"};

    private FfmSupport() {}

    static Availability availability() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) return Availability.unavailable("not Linux (" + os + ")");
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
            return Availability.unavailable("libc constants known only for x86_64 and aarch64, not " + arch);
        }
        try {
            SymbolLookup lookup = Linker.nativeLinker().defaultLookup();
            for (String name : SYMBOLS) {
                if (lookup.find(name).isEmpty()) return Availability.unavailable("libc has no " + name + "()");
            }
        } catch (Throwable t) {
            return Availability.unavailable("java.lang.foreign unavailable: " + t);
        }
        return Availability.AVAILABLE;
    }
}
