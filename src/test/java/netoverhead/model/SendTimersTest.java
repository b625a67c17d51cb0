package netoverhead.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import netoverhead.job.JobRecord;

class SendTimersTest {
    private static LoopConnection connection(int id) {
        return new LoopConnection(null, new JobRecord(id), null, 0);
    }

    @Test
    void connectionsComeDueEarliestFirstAndOnlyOnceTheirTimeHasCome() {
        SendTimers timers = new SendTimers();
        LoopConnection a = connection(0);
        LoopConnection b = connection(1);
        LoopConnection c = connection(2);
        timers.schedule(b, 300);
        timers.schedule(a, 100);
        timers.schedule(c, 200);
        assertThat(timers.earliest()).isEqualTo(100);
        assertThat(timers.takeDue(99)).isNull();
        assertThat(timers.takeDue(250)).isSameAs(a);
        assertThat(timers.takeDue(250)).isSameAs(c);
        assertThat(timers.takeDue(250)).isNull();
        assertThat(timers.earliest()).isEqualTo(300);
        assertThat(timers.takeDue(300)).isSameAs(b);
        assertThat(timers.earliest()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aConnectionWaitsForOneTimeAtOnceAndCanWaitAgainOnceTaken() {
        SendTimers timers = new SendTimers();
        LoopConnection a = connection(0);
        timers.schedule(a, 100);
        timers.schedule(a, 400);
        assertThat(timers.earliest()).isEqualTo(100);
        assertThat(timers.takeDue(100)).isSameAs(a);
        assertThat(timers.takeDue(1_000)).isNull();
        timers.schedule(a, 500);
        assertThat(timers.earliest()).isEqualTo(500);
    }
}
