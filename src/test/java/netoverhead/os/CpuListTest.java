package netoverhead.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import netoverhead.process.Binaries;

/** CPU lists as taskset(1) and the kernel write them, and the CPUs this process may run on. */
class CpuListTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"1;1", "0-3;0-3", "3,1,2;1-3", "0,2-3,5;0,2-3,5", "2-2;2", "0-1,1-2;0-2",
            " 4 ;4", "7,5,6,9;5-7,9"})
    void parsesAndWritesTheShortestForm(String text, String shortest) {
        assertThat(CpuList.parse(text)).hasToString(shortest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", "a", "1,", "-1", "1-", "3-1", "1-2-3", "1.5", "0x1", "99999999"})
    void rejectsWhatIsNotAList(String text) {
        assertThatThrownBy(() -> CpuList.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"0-3;1;0,2-3", "0-3;0-3;", "1,3;2;1,3", "5;0-4;5", "0-7;2-5;0-1,6-7"})
    void minusLeavesTheOtherCpusOrNothing(String from, String take, String left) {
        assertThat(CpuList.parse(from).minus(CpuList.parse(take)).map(CpuList::toString).orElse(null)).isEqualTo(left);
    }

    @Test
    void theAllowedCpusAreWhatTasksetSaysOfThisProcess() throws Exception {
        Process p = new ProcessBuilder("taskset", "-cp", Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(said).isZero();
        // "pid 1234's current affinity list: 0,1"
        assertThat(CpuList.allowed()).isEqualTo(CpuList.parse(said.substring(said.lastIndexOf(':') + 1)));
    }

    @Test
    void thePrefixRunsAProgramOnTheListedCpusOnly() throws IOException, InterruptedException {
        List<Integer> allowed = List.copyOf(CpuList.allowed().cpus());
        CpuList last = CpuList.parse(Integer.toString(allowed.getLast()));
        List<String> command = new java.util.ArrayList<>(last.commandPrefix(Binaries.require("taskset", "util-linux")));
        command.addAll(List.of("grep", "Cpus_allowed_list", "/proc/self/status"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(said).isZero();
        assertThat(said).isEqualTo("Cpus_allowed_list:\t" + last);
    }
}
