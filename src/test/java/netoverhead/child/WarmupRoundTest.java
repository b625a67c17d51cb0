package netoverhead.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.model.JvmModel;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * The warm-up round is a real run of the model against the child's own loopback server: every Java model
 * downloads the whole body on every connection, with the payload's known content, and can then run again.
 */
class WarmupRoundTest {
    static Stream<JvmModel> javaModels() {
        return ModelRegistry.all().stream().filter(m -> m instanceof JvmModel).map(m -> (JvmModel) m);
    }

    @ParameterizedTest
    @MethodSource("javaModels")
    void everyJobOfTheRoundDownloadsTheWholeVerifiedBodyTwice(JvmModel model) throws Exception {
        assumeTrue(model.availability().available(), () -> model.name() + " " + model.availability());
        // the target is never contacted: the round has its own server; verify checks every byte it sends
        ClientPlan plan = new ClientPlan("127.0.0.1", 9, "/testpayload", 100, 65536, 1000, 1000, null, 0, true,
                65536, false, true);
        model.prepare(plan);
        for (int round = 0; round < 2; round++) {
            JobRecord[] jobs = WarmupRound.run(model, plan);
            assertThat(jobs).hasSize(WarmupRound.CONNECTIONS);
            for (JobRecord job : List.of(jobs)) {
                assertThat(job.failed()).as(model.name() + " job " + job.id + ": " + job.message).isFalse();
                assertThat(job.status).isEqualTo(200);
                assertThat(job.bodyBytes).isEqualTo(WarmupRound.BODY_BYTES);
                assertThat(job.contentLength).isEqualTo(WarmupRound.BODY_BYTES);
            }
        }
    }

    /**
     * rr and churn warm up on their own conversation: every connection of the round makes exactly the round's
     * requests (rr, {@link WarmupRound#OPERATIONS}; pipelined too) or connections (churn, fewer here than a
     * child's {@link WarmupRound#CHURN_CONNECTIONS}, for time), each answered, none failed.
     */
    @ParameterizedTest
    @MethodSource("javaModels")
    void rrAndChurnRoundsRunTheirOwnConversationToTheCount(JvmModel model) throws Exception {
        assumeTrue(model.availability().available(), () -> model.name() + " " + model.availability());
        for (WorkloadPlan workload : List.of(new WorkloadPlan(WorkloadKind.RR, 1, 0, 2_000_000_000L, 10_000_000_000L, 0),
                new WorkloadPlan(WorkloadKind.RR, 4, 0, 0, 10_000_000_000L, 0),
                new WorkloadPlan(WorkloadKind.CHURN, 1, 0, 0, 10_000_000_000L, 0, 2))) {
            ClientPlan plan = new ClientPlan("127.0.0.1", 9, "/rr/128", 100, 65536, 1000, 1000, null, 0, true,
                    65536, false, true, workload);
            model.prepare(plan);
            int count = workload.kind() == WorkloadKind.CHURN ? 100 : WarmupRound.OPERATIONS;
            JobRecord[] jobs = WarmupRound.run(model, plan, count);
            assertThat(jobs).hasSize(WarmupRound.CONNECTIONS);
            for (JobRecord job : jobs) {
                assertThat(job.failed()).as(model.name() + " " + workload + " job " + job.id + ": " + job.message).isFalse();
                assertThat(job.opsWarmup + job.opsWindow + job.opsAfter).as(model.name() + " " + workload)
                        .isEqualTo(count);
            }
        }
    }
}
