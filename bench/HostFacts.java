import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the bench says about the machine it ran on, so that a figure is never read without its setting. */
final class HostFacts {
    private HostFacts() { }

    static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, Linux "
                + System.getProperty("os.version") + ", JDK " + System.getProperty("java.version");
    }

    /**
     * The kernel settings that move loopback figures most: the congestion control, and where packets sent on
     * loopback are received. With rps_cpus 0 each is received on the CPU that sent it, so a good part of both
     * ends' TCP work lands on whichever side's CPU happened to send; steering it elsewhere changed this bench's
     * client system time by 40 percent (docs/performance.md).
     */
    static String loopback() {
        return "loopback: tcp_congestion_control " + setting("/proc/sys/net/ipv4/tcp_congestion_control")
                + ", lo rps_cpus " + setting("/sys/class/net/lo/queues/rx-0/rps_cpus");
    }

    /**
     * How an idle CPU waits. Where the client's CPU goes idle between reads, each wake-up of a job thread is
     * an interrupt to a halted CPU, and on a virtual machine that costs the waking side (the server's CPU)
     * dearly: the embedded server's send size was chosen to keep the client's CPU busy (docs/performance.md). Halt polling, where the guest has it, shortens the cost.
     */
    static String idle() {
        String base = "/sys/devices/system/cpu/cpuidle/";
        String poll = setting("/sys/module/haltpoll/parameters/guest_halt_poll_ns");
        return "cpu idle: driver " + setting(base + "current_driver") + ", governor " + setting(base + "current_governor")
                + (poll.equals("unknown") ? "" : ", guest halt polling " + poll + " ns");
    }

    private static String setting(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
