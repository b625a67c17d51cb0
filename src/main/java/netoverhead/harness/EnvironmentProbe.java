package netoverhead.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import netoverhead.os.ProcFiles;
import netoverhead.process.JavaCommand;
import netoverhead.result.Environment;

/** Describes the machine and JVM a run is made on. */
public final class EnvironmentProbe {
    private EnvironmentProbe() {}

    public static Environment detect(List<String> childJvmFlags) {
        List<String> flags = new ArrayList<>(JavaCommand.baseJvmOptions());
        flags.addAll(childJvmFlags);
        return new Environment(
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"),
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                memoryBytes(),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                flags,
                toolVersion(),
                hostname());
    }

    public static String toolVersion() {
        String v = EnvironmentProbe.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static long memoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    private static String hostname() {
        try {
            return ProcFiles.read(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown" : env;
        }
    }
}
