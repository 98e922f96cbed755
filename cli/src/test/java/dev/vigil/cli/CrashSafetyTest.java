package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.io.OutputFiles;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.io.report.ResultsRecord;
import dev.vigil.spi.VigilException;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.testing.Trials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety, tested by killing a real {@code vigil build-model} in a child JVM ({@code
 * destroyForcibly}) while it replaces the outputs of an earlier build: at a seeded step of its
 * writing (the child stops there through {@link OutputFiles#HOOK} until it is killed, so the kill
 * falls exactly there, the work itself included), or as soon as it reports a seeded step while it goes
 * on (a moment the scheduler picks). Afterwards a reader can tell whether the outputs belong together
 * (by the checksums), and once the next run has recovered the folder there is no stray file and the
 * outputs are all old (killed before the commit) or all new.
 *
 * <p>{@code -Pnightly-cli} (or {@code -Dvigil.trials.factor=10}) kills ten times as often; the outcomes are printed.
 */
class CrashSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "vigil-outputs: step ";

    @TempDir
    static Path base;

    static Path data;
    static Path old;
    /** The trace of an unkilled run: one line per step. */
    static List<String> steps;
    static State oldState;
    static State newState;
    static int journal;

    /**
     * Where each output came from: the model file's checksum, the model the table's record and the JSON
     * report name, and the table's own bytes (their SHA-256; the same build writes the same table).
     */
    record State(String model, String record, String report, String table) {
        /** Whether every output is the one the job of {@code s} wrote. */
        boolean sameJob(State s) {
            return equals(s);
        }
    }

    @BeforeAll
    static void oldOutputsAndATraceOfTheNewJob() throws Exception {
        data = base.resolve("line.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(2000).seed(9).generate().unlabelled(), data);
        old = base.resolve("old");
        CliRun first = CliRun.of("build-model", "--data", data.toString(), "--rows", "first:1000", "--model-out",
                old.resolve("model.json").toString(), "--table-out", old.resolve("results.csv").toString(), "--json-out",
                old.resolve("report.json").toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        oldState = state(old);
        Path reference = copy("reference");
        Process p = start(reference, "trace");
        steps = new ArrayList<>();
        try (BufferedReader err = stderr(p)) {
            for (String line; (line = err.readLine()) != null; ) {
                if (line.startsWith(MARK)) {
                    steps.add(line);
                }
            }
        }
        assertThat(p.waitFor()).as(String.join("\n", steps)).isZero();
        newState = state(reference);
        for (State s : List.of(oldState, newState)) {
            assertThat(s.record()).isEqualTo(s.model()).isEqualTo(s.report());
        }
        assertThat(newState.model()).isNotEqualTo(oldState.model());
        assertThat(newState.table()).isNotEqualTo(oldState.table());
        journal = steps.indexOf(steps.stream().filter(s -> s.endsWith("journal written")).findFirst().orElseThrow());
        assertThat(steps).hasSizeGreaterThan(journal + 4);
    }

    private static Path copy(String name) throws IOException {
        Path to = base.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(old)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static Process start(Path out, String hook) throws IOException {
        return ChildVigil.start(List.of("-D" + OutputFiles.HOOK + "=" + hook, "-Xmx512m"), "build-model", "--data", data.toString(),
                "--rows", "first:1500", "--model-out", out.resolve("model.json").toString(), "--table-out",
                out.resolve("results.csv").toString(), "--json-out", out.resolve("report.json").toString());
    }

    private static BufferedReader stderr(Process p) {
        return new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    }

    private static State state(Path dir) throws IOException {
        String record = JSON.readTree(ResultsRecord.pathOf(dir.resolve("results.csv")).toFile()).get("modelChecksum").asText();
        String report = JSON.readTree(dir.resolve("report.json").toFile()).get("modelChecksum").asText();
        return new State(ModelFiles.checksumOf(dir.resolve("model.json")), record, report, ResultsRecord.sha256(dir.resolve("results.csv")));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // guards against a hang only; nothing here is timed
    void aKilledBuildLeavesItsOutputsAllOldOrAllNew() {
        Map<String, Integer> outcomes = new TreeMap<>();
        int[] trial = {0};
        Trials.forAll(13L, 6, random -> {
            Path out = copy("trial-" + trial[0]++);
            int k = random.nextInt(steps.size());
            boolean stopThere = random.nextInt(3) > 0;
            Process p = start(out, stopThere ? Integer.toString(k) : "trace");
            StringBuilder seen = new StringBuilder();
            try (BufferedReader err = stderr(p)) {
                for (String line; (line = err.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (line.startsWith(MARK + k + ":")) {
                        break;
                    }
                }
                p.destroyForcibly();
                p.waitFor();
            }
            assertThat(seen.toString()).as("the child's stderr").contains(MARK + k + ":");

            // before any recovery: the outputs come from one job, or a reader can tell by the checksums that they do not
            State before = state(out);
            boolean together = before.sameJob(oldState) || before.sameJob(newState);
            if (!together) {
                String model = ModelFiles.checksumOf(out.resolve("model.json"));
                if (before.report().equals(model)) {
                    assertThatThrownBy(() -> ResultsRecord.check(out.resolve("results.csv"), model)).isInstanceOf(VigilException.class);
                }
            }

            OutputFiles.recover(out); // what the next run does first
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(f -> f.getFileName().toString()).sorted())
                        .containsExactly("model.json", "report.json", "results.csv", "results.csv.vigil.json");
            }
            State after = state(out);
            ResultsRecord.check(out.resolve("results.csv"), after.model());
            String killedAt = steps.get(k).substring(MARK.length());
            if (stopThere) {
                assertThat(after).as("killed at step %s", killedAt).isEqualTo(k < journal ? oldState : newState);
            } else {
                assertThat(after.sameJob(oldState) || after.sameJob(newState)).as("killed after step %s: %s", killedAt, after).isTrue();
            }
            String outcome = (stopThere ? "stopped at " : "soon after ") + (k < journal ? "a step before the commit"
                    : k == journal ? "the commit" : "a step after the commit") + ": " + (after.equals(newState) ? "all new" : "all old")
                    + (together ? "" : ", told apart before the recovery");
            outcomes.merge(outcome, 1, Integer::sum);
        });
        System.out.println("CrashSafetyTest: " + Trials.count(6) + " kills of build-model (" + steps.size() + " output steps): " + outcomes);
    }
}
