import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much of each CPU the hypervisor gave to someone else (steal time in /proc/stat). On a shared virtual
 * machine a section that ran while a neighbour was busy can come out slower for no fault of the code; this
 * says when that happened. It does not see everything a neighbour takes: memory bandwidth and cache shared
 * with it slow the copies without showing up as steal.
 */
record StealTime(Map<String, long[]> ticksByCpu) {
    /** The ticks of every CPU now: [steal, all]. Empty where /proc/stat cannot be read. */
    static StealTime now() {
        Map<String, long[]> ticks = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                String[] f = line.split("\\s+");
                if (!f[0].matches("cpu\\d+") || f.length < 9) continue;
                long all = 0;
                for (int i = 1; i <= 8; i++) all += Long.parseLong(f[i]); // user .. steal; guest is inside user
                ticks.put(f[0].substring(3), new long[] {Long.parseLong(f[8]), all});
            }
        } catch (IOException | NumberFormatException e) {
            ticks.clear();
        }
        return new StealTime(ticks);
    }

    /** "CPU 0 4.9%, CPU 1 0.9%" since an earlier reading, or null when there is nothing to say. */
    String since(StealTime before) {
        List<String> parts = new ArrayList<>();
        ticksByCpu.forEach((cpu, now) -> {
            long[] then = before.ticksByCpu.get(cpu);
            if (then == null || now[1] <= then[1]) return;
            parts.add(String.format("CPU %s %.1f%%", cpu, 100.0 * (now[0] - then[0]) / (now[1] - then[1])));
        });
        return parts.isEmpty() ? null : String.join(", ", parts);
    }
}
