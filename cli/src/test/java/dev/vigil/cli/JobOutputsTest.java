package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.io.report.ResultsRecord;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.KpiDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outputs of a job: checked before the work, written together or not at all, recording the model
 * they came from; what killed runs left is cleaned up by the next one (issue 13, items 5 to 7).
 */
class JobOutputsTest {
    /** A process id that runs no process: far above Linux's pid_max. */
    private static final long DEAD = 4_000_000_000L;

    @TempDir
    Path dir;

    private Path data;

    @BeforeEach
    void data() {
        data = dir.resolve("line.csv");
        GeneratedData generated = KpiDataGenerator.create().rows(2000).seed(5).generate();
        CsvWriter.write(generated.frame(), data);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private CliRun build(String... more) {
        List<String> args = new ArrayList<>(List.of("build-model", "--data", data.toString(), "--rows", "first:1500"));
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private String out(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void aBadLabelValueExitsTwoAndWritesNothing() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(data));
        int label = Arrays.asList(lines.get(0).split(",")).indexOf("label");
        String[] cells = lines.get(101).split(",", -1);
        cells[label] = "7";
        lines.set(101, String.join(",", cells));
        Files.write(data, lines);
        CliRun run = build("--label", "label", "--model-out", out("new/model.json"), "--table-out", out("results.csv"),
                "--json-out", out("report.json"), "--importances-out", out("importances.csv"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("'7' is not a label");
        assertThat(files()).containsExactly("line.csv");
    }

    @Test
    void aTablePathThatIsAFolderIsRefusedBeforeTheBuildAndNothingIsWritten() throws IOException {
        Files.createDirectory(dir.resolve("results.csv"));
        CliRun run = build("--model-out", out("model.json"), "--table-out", out("results.csv"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("vigil: --table-out " + out("results.csv") + " is a folder; give the path of a file for the results "
                + "table (e.g. " + dir.resolve("results.csv").resolve("table.csv") + ")" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
        assertThat(files()).containsExactly("line.csv", "results.csv");
    }

    @Test
    void aBadTableExtensionIsRefusedBeforeTheBuild() throws IOException {
        CliRun run = build("--model-out", out("model.json"), "--table-out", out("results.txt"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("vigil: Cannot tell the format of " + out("results.txt"));
        assertThat(run.out()).doesNotContain("Built a model");
        assertThat(files()).containsExactly("line.csv");
    }

    @Test
    void unwritableOutputsAreToldInWordsWithThePathWhyAndWhatToDo() throws IOException {
        Files.writeString(dir.resolve("plain"), "a file");
        CliRun run = build("--model-out", out("plain/model.json"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("vigil: --model-out " + out("plain/model.json") + " cannot be written: " + out("plain")
                + " is a file, not a folder. Choose a path in a folder for the model" + System.lineSeparator());
        CliRun json = build("--json-out", out("plain/deeper/report.json"));
        assertThat(json.err()).contains("cannot be written").doesNotContain("Exception").doesNotContain("FileSystem (");
        assertThat(files()).containsExactly("line.csv", "plain");
    }

    @Test
    void convertChecksItsOutputBeforeReadingItsInput() throws IOException {
        Files.writeString(dir.resolve("plain"), "a file");
        CliRun run = CliRun.of("convert", out("missing.csv"), out("plain/out.parquet"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("vigil: OUT " + out("plain/out.parquet") + " cannot be written: " + out("plain")
                + " is a file, not a folder. Choose a path in a folder for the converted data" + System.lineSeparator());
    }

    @Test
    void missingFoldersOfEveryOutputAreMade() throws IOException {
        CliRun run = build("--model-out", out("a/model.json"), "--table-out", out("b/c/results.csv"), "--json-out", out("d/report.json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(files()).containsExactly("a", "a/model.json", "b", "b/c", "b/c/results.csv", "b/c/results.csv.vigil.json", "d",
                "d/report.json", "line.csv");
    }

    @Test
    void theTableAndTheReportOfEveryJobRecordTheModelTheyCameFrom() throws IOException {
        CliRun run = build("--model-out", out("model.json"), "--table-out", out("in.csv"), "--json-out", out("in.json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        String model = ModelFiles.checksumOf(dir.resolve("model.json"));
        CliRun detect = CliRun.of("detect", "--model", out("model.json"), "--data", data.toString(), "--table-out", out("out.csv"),
                "--json-out", out("out.json"));
        assertThat(detect.exitCode()).as(detect.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        for (String name : List.of("in", "out")) {
            assertThat(ResultsRecord.check(dir.resolve(name + ".csv"), model)).get()
                    .extracting(ResultsRecord::job).isEqualTo(name.equals("in") ? "build-model" : "detect");
            assertThat(json.readTree(dir.resolve(name + ".json").toFile()).get("modelChecksum").asText()).isEqualTo(model);
        }
        assertThat(files()).containsExactly("in.csv", "in.csv.vigil.json", "in.json", "line.csv", "model.json", "out.csv",
                "out.csv.vigil.json", "out.json");

        CliRun evaluate = CliRun.of("evaluate", "--results", out("out.csv"), "--data", data.toString(), "--label", "label",
                "--model", out("model.json"));
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains(model + " (detect; the table matches its record out.csv.vigil.json)");

        CliRun other = CliRun.of("build-model", "--data", data.toString(), "--rows", "first:1000", "--model-out", out("other.json"));
        assertThat(other.exitCode()).as(other.err()).isZero();
        CliRun mismatch = CliRun.of("evaluate", "--results", out("out.csv"), "--data", data.toString(), "--label", "label",
                "--model", out("other.json"));
        assertThat(mismatch.exitCode()).isEqualTo(2);
        assertThat(mismatch.err()).isEqualTo("vigil: The results table " + out("out.csv") + " came from the model " + model + ", not from "
                + ModelFiles.checksumOf(dir.resolve("other.json")) + ". Run detect with that model again, or give the model it came from"
                + System.lineSeparator());

        Files.writeString(dir.resolve("out.csv"), Files.readString(dir.resolve("out.csv")).replaceFirst("\n.*\n", "\n"));
        CliRun changed = CliRun.of("evaluate", "--results", out("out.csv"), "--data", data.toString(), "--label", "label");
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.err()).contains("does not match its record");
    }

    @Test
    void theNextRunRemovesWhatAKilledRunLeftAndNeverAUsersFile() throws IOException {
        List<String> stale = List.of(".vigil-tmp-" + DEAD + "-0123456789abcdef.model.json", ".vigil-tmp-" + DEAD + "-0123456789abcdef.x.csv",
                ".model.json5326086397913344391.tmp");
        List<String> users = List.of(".model.json.tmp", "model.json.bak", ".vigil-tmp-notes.txt", ".results.csv12.tmp");
        for (String n : stale) {
            Files.writeString(dir.resolve(n), "left by a killed run");
        }
        for (String n : users) {
            Files.writeString(dir.resolve(n), "the user's");
        }
        CliRun run = build("--model-out", out("model.json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> expected = new ArrayList<>(users);
        expected.addAll(List.of("line.csv", "model.json"));
        assertThat(files()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void vigilAndVigilNabWithoutASubcommandPrintTheirUsageOnStderrAndExitTwo() {
        CliRun vigil = CliRun.of();
        assertThat(vigil.exitCode()).isEqualTo(2);
        assertThat(vigil.out()).isEmpty();
        assertThat(vigil.err()).startsWith("vigil: name a command of 'vigil'; they are listed below.").contains("Usage: vigil")
                .contains("build-model");
        CliRun nab = CliRun.of("nab");
        assertThat(nab.exitCode()).isEqualTo(2);
        assertThat(nab.out()).isEmpty();
        assertThat(nab.err()).startsWith("vigil: name a command of 'vigil nab'").contains("Usage: vigil nab").contains("score");
        assertThat(CliRun.of("--help").exitCode()).isZero();
        assertThat(CliRun.of("nab", "--help").out()).contains("Usage: vigil nab");
    }
}
