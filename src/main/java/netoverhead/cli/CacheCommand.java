package netoverhead.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import netoverhead.config.Size;
import netoverhead.payload.CacheContents;
import netoverhead.payload.PayloadFile;

@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Show where the tool keeps its payload files and compiled native clients, what is there "
                + "and how much room it takes; --clear removes it all (it is written again when needed).",
                "The cache is $NETOVERHEAD_CACHE if set, else $XDG_CACHE_HOME/netoverhead, else ~/.cache/netoverhead."})
public final class CacheCommand implements Callable<Integer> {
    @Option(names = "--clear", description = "Remove the payload files and native clients from the cache "
            + "(a run going on at the time loses its payload file; run this between runs).")
    boolean clear;

    @Override
    public Integer call() throws Exception {
        Path dir = PayloadFile.cacheDir();
        if (clear) {
            CacheContents.Cleared cleared = CacheContents.clear(dir);
            System.out.println("removed " + cleared.entries() + (cleared.entries() == 1 ? " entry" : " entries")
                    + " (" + Size.approximate(cleared.bytes()) + ") from " + dir);
            return ExitCodes.OK;
        }
        List<CacheContents.Entry> entries = CacheContents.list(dir);
        System.out.println("cache: " + dir);
        if (entries.isEmpty()) {
            System.out.println("  empty");
            return ExitCodes.OK;
        }
        int width = entries.stream().mapToInt(e -> name(e).length()).max().orElse(0);
        long total = 0;
        for (CacheContents.Entry e : entries) {
            System.out.printf("  %-" + width + "s  %10s  %s%n", name(e), Size.approximate(e.bytes()), e.what());
            total += e.bytes();
        }
        System.out.printf("  %-" + width + "s  %10s  (netoverhead cache --clear removes it)%n", "total",
                Size.approximate(total));
        return ExitCodes.OK;
    }

    private static String name(CacheContents.Entry e) {
        return e.path().getFileName() + (Files.isDirectory(e.path()) ? "/" : "");
    }
}
