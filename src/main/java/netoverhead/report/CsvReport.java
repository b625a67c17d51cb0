package netoverhead.report;

import java.util.List;

import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/** One row per model per connection count per iteration, with DESIGN.md's stable columns. */
public final class CsvReport {
    public static final String HEADER = "model,connections,payload_bytes,iteration,socket_create_us,job_setup_us,"
            + "download_s,download_mibps,aggregate_mibps,run_s,memory_avg_mib,memory_peak_mib,memory_baseline_mib,"
            + "cpu_user_s,cpu_sys_s,bytes_received,bytes_expected,errors";

    private CsvReport() {}

    public static String render(List<RunResult> results) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (RunResult result : results) {
            long payload = result.settings().payloadBytes();
            for (ModelRun run : result.runs()) {
                for (IterationResult it : run.iterations()) {
                    IterationFigures f = it.figures();
                    sb.append(run.model()).append(',')
                            .append(run.connections()).append(',')
                            .append(payload).append(',')
                            .append(it.iteration()).append(',')
                            .append(Numbers.plain(f.socketCreateUs())).append(',')
                            .append(Numbers.plain(f.jobSetupUs())).append(',')
                            .append(Numbers.plain(f.downloadS())).append(',')
                            .append(Numbers.plain(f.downloadMibps())).append(',')
                            .append(Numbers.plain(f.aggregateMibps())).append(',')
                            .append(Numbers.plain(f.runS())).append(',')
                            .append(Numbers.plain(f.memoryAvgMib())).append(',')
                            .append(Numbers.plain(f.memoryPeakMib())).append(',')
                            .append(Numbers.plain(f.memoryBaselineMib())).append(',')
                            .append(Numbers.plain(f.cpuUserS())).append(',')
                            .append(Numbers.plain(f.cpuSysS())).append(',')
                            .append(f.bytesReceived()).append(',')
                            .append(f.bytesExpected()).append(',')
                            .append(f.errors()).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
