package netoverhead.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import netoverhead.harness.RunSpec;
import netoverhead.harness.WorkloadSpec;
import netoverhead.model.ClientPlan;
import netoverhead.testing.Cli;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/** The rr options: typed into a workload, carried to the child, and refused in one line when they make no sense. */
class WorkloadOptionsTest {
    private static RunSpec spec(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command.options.toSpec(false);
    }

    @Test
    void rrHasItsDefaultsAndReachesTheChildWhole() {
        WorkloadSpec rr = spec("--workload", "rr").workload();
        assertThat(rr.kind()).isEqualTo(WorkloadKind.RR);
        assertThat(rr.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rr.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(rr.pipeline()).isEqualTo(1);
        assertThat(rr.rate()).isZero();
        assertThat(rr.responses()).containsExactly(128L);
        assertThat(rr.warmupRound()).isTrue();

        RunSpec spec = spec("--workload", "rr", "--rate", "20000", "--pipeline", "4", "--warmup", "0s",
                "--requests", "50", "--response", "128B,4KiB,128B");
        assertThat(spec.workload().responses()).containsExactly(128L, 4096L);
        ClientPlan plan = spec.clientPlan("127.0.0.1", 8000, "/rr/128");
        assertThat(plan.workload()).isEqualTo(new WorkloadPlan(WorkloadKind.RR, 4, 20000, 0, 0, 50));
        assertThat(plan.toArgs()).contains("workload=rr", "pipeline=4", "rate=20000", "warmup_ns=0", "requests=50");
        assertThat(ClientPlan.fromArgs(plan.toArgs())).isEqualTo(plan);
        assertThat(new String(plan.request())).doesNotContain("Connection: close");
    }

    @Test
    void bulkIsUnchangedAndNoWarmupIsWarmupZero() {
        assertThat(spec().workload().warmupRound()).isTrue();
        assertThat(spec("--no-warmup").workload().warmupRound()).isFalse();
        assertThat(spec("--warmup", "0s").workload().warmupRound()).isFalse();
        ClientPlan plan = spec().clientPlan("127.0.0.1", 8000, "/testpayload");
        assertThat(plan.toArgs()).noneMatch(arg -> arg.startsWith("workload="));
        assertThat(new String(plan.request())).contains("Connection: close");
    }

    @Test
    void nonsenseIsRefusedInOneLine() {
        for (List<String> args : List.of(
                List.of("--workload", "rr", "--rate", "0"),
                List.of("--workload", "rr", "--pipeline", "0"),
                List.of("--workload", "rr", "--requests", "0"),
                List.of("--workload", "rr", "--requests", "5", "--duration", "2s"),
                List.of("--workload", "rr", "--duration", "0s"),
                List.of("--workload", "rr", "--server", "external", "--response", "4KiB"),
                List.of("--workload", "rr", "--no-warmup", "--warmup", "1s"),
                List.of("--workload", "stream"),
                List.of("--workload", "rr", "--response", "2GiB"),
                List.of("--rate", "100"))) {
            assertThatThrownBy(() -> spec(args.toArray(String[]::new))).as(String.join(" ", args))
                    .isInstanceOf(UsageException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> spec("--rate", "100", "--pipeline", "2"))
                .hasMessage("--pipeline, --rate apply to --workload rr; bulk downloads --payload once per connection");
    }

    @Test
    void churnSweepsResponsesAndCarriesItsRequestsPerConnection() {
        RunSpec spec = spec("--workload", "churn", "--requests-per-connection", "3", "--response", "1KiB");
        assertThat(spec.workload().responses()).containsExactly(1024L);
        assertThat(spec.workload().settings().requestsPerConnection()).isEqualTo(3);
        ClientPlan plan = spec.clientPlan("127.0.0.1", 8000, "/rr/1024");
        assertThat(plan.workload()).isEqualTo(new WorkloadPlan(WorkloadKind.CHURN, 1, 0, 2_000_000_000L,
                10_000_000_000L, 0, 3));
        assertThat(plan.toArgs()).contains("workload=churn", "requests_per_connection=3");
        assertThat(ClientPlan.fromArgs(plan.toArgs())).isEqualTo(plan);
        assertThat(spec("--workload", "churn").workload().requestsPerConnection()).isEqualTo(1);
    }

    @Test
    void idleHasNoResponsesAndNamesItsTimeline() {
        RunSpec spec = spec("--workload", "idle", "--duration", "5s", "--warmup", "1s");
        assertThat(spec.workload().responses()).isEmpty();
        assertThat(spec.workload().settings().requestsPerConnection()).isNull();
        assertThat(spec.workload().plan()).isEqualTo(new WorkloadPlan(WorkloadKind.IDLE, 1, 0, 1_000_000_000L,
                5_000_000_000L, 0));
    }

    @Test
    void churnAndIdleRefuseWhatMeansNothingToThem() {
        assertThatThrownBy(() -> spec("--workload", "churn", "--rate", "100"))
                .hasMessage("--rate does not apply to --workload churn: churn runs a closed loop, one request at a "
                        + "time on each connection");
        assertThatThrownBy(() -> spec("--workload", "idle", "--response", "4KiB", "--requests", "3"))
                .hasMessage("--requests, --response do not apply to --workload idle: idle's connections wait for "
                        + "the server's heartbeats for --duration");
        assertThatThrownBy(() -> spec("--workload", "rr", "--requests-per-connection", "2"))
                .hasMessageStartingWith("--requests-per-connection does not apply to --workload rr");
        assertThatThrownBy(() -> spec("--workload", "churn", "--requests-per-connection", "0"))
                .hasMessage("--requests-per-connection must be at least 1, not 0");
        assertThatThrownBy(() -> spec("--workload", "idle", "--server", "nginx"))
                .hasMessageStartingWith("idle needs netoverhead's own server, which sends the heartbeats");
        assertThatThrownBy(() -> spec("--workload", "idle", "--server", "lighttpd"))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void theToolSaysSoAndExitsWithTwo() throws Exception {
        Cli.Result result = Cli.run(60, "run", "--workload", "rr", "--rate", "0");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip()).startsWith("netoverhead: --rate must be at least 1").doesNotContain("\tat ");
        assertThat(result.stderr().strip().lines()).hasSize(1);
    }
}
