package netoverhead.result;

import java.util.List;

/**
 * Everything one run measured: the source of truth that every report format is a view of.
 *
 * @param complete false when the run was interrupted and holds only the iterations that finished
 */
public record RunResult(String tool, Environment environment, RunSettings settings, String startedAt,
                        String finishedAt, boolean complete, List<ModelRun> runs) {}
