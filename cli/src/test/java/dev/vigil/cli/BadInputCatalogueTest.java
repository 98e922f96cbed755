package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue: every way a user's input can be wrong that we know of — files, columns,
 * timestamps, values, configurations, model files, plugin jars and options — run through the command
 * line in process. Each case must exit 2 with one message (no stack trace, no Java exception name, no
 * "internal error") naming the file, line (as a text editor counts), column and value where they
 * apply and what would be valid (the nearest valid name for a misspelt one), and must leave its input
 * files as they were.
 *
 * <p>A case is a name, the files it writes into its own folder ({@code {dir}} in arguments), the
 * arguments ({@code {data}} a good data file, {@code {model}} a model built on it) and the fragments
 * the message must hold.
 */
class BadInputCatalogueTest {
    /** 300 hourly rows: timestamp, kpi, x (line n+1 holds row n). */
    private static final String GOOD = good();
    @TempDir
    static Path shared;
    private static Path data;
    private static Path model;

    @BeforeAll
    static void buildModel() throws IOException {
        data = shared.resolve("good.csv");
        Files.writeString(data, GOOD);
        model = shared.resolve("model.json");
        CliRun built = CliRun.of("build-model", "--data", data.toString(), "--model-out", model.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
    }

    private static String good() {
        StringBuilder sb = new StringBuilder("timestamp,kpi,x\n");
        for (int i = 0; i < 300; i++) {
            sb.append(String.format(Locale.ROOT, "2020-01-%02d %02d:00:00,%.4f,%.4f%n", 1 + i / 24, i % 24,
                    10 + Math.sin(i / 10.0) + 0.1 * Math.cos(i * 7.3), Math.cos(i / 7.0)));
        }
        return sb.toString();
    }

    /** The good file with line {@code line} (1-based, as an editor counts) replaced. */
    private static String line(int line, String text) {
        List<String> lines = new ArrayList<>(List.of(GOOD.split("\n")));
        lines.set(line - 1, text);
        return String.join("\n", lines) + "\n";
    }

    /** The good file with the cell of a column (0 timestamp, 1 kpi, 2 x) on a line replaced. */
    private static String cell(int line, int column, String value) {
        String[] cells = GOOD.split("\n")[line - 1].split(",", -1);
        cells[column] = value;
        return line(line, String.join(",", cells));
    }

    /** The good file with a column added: name, then {@code value(row)} for rows 0..299. */
    private static String withColumn(String name, java.util.function.IntFunction<String> value) {
        String[] lines = GOOD.split("\n");
        StringBuilder sb = new StringBuilder(lines[0]).append(',').append(name).append('\n');
        for (int i = 1; i < lines.length; i++) {
            sb.append(lines[i]).append(',').append(value.apply(i - 1)).append('\n');
        }
        return sb.toString();
    }

    record Case(String name, Map<String, Object> files, List<String> args, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final class Cases {
        final List<Case> all = new ArrayList<>();
        private Map<String, Object> files = new LinkedHashMap<>();

        Cases file(String name, Object content) {
            files.put(name, content);
            return this;
        }

        void add(String name, String args, String... expected) {
            all.add(new Case(name, files, List.of(args.split(" ")), List.of(expected)));
            files = new LinkedHashMap<>();
        }
    }

    static Stream<Case> cases() {
        Cases c = new Cases();
        String d = "{dir}/d.csv";
        // ---- files
        c.add("data file missing", "build-model --data {dir}/nowhere.csv", "{dir}/nowhere.csv does not exist");
        c.file("folder/", "").add("data file is a folder", "build-model --data {dir}/folder", "{dir}/folder is a folder", ".csv");
        c.file("d.csv", "").add("empty file", "build-model --data " + d, "d.csv is empty", "header line");
        c.file("d.csv", "timestamp,kpi,x\n").add("header but no rows", "build-model --data " + d, "has a header but no rows");
        c.file("d.csv", "timestamp\n2020-01-01 00:00:00\n").add("single column", "build-model --data " + d, "d.csv line 1",
                "single column 'timestamp'", "separated by ',' or ';'");
        c.file("d.csv", line(1, "timestamp,kpi,kpi")).add("column named twice", "build-model --data " + d, "d.csv line 1",
                "'kpi' appears twice", "unique name");
        c.file("d.csv", line(1, "timestamp,,x")).add("column without a name", "build-model --data " + d, "d.csv line 1",
                "column 2", "no name");
        c.file("d.csv", line(7, "2020-01-01 05:00:00,1")).add("row with too few fields", "build-model --data " + d,
                "d.csv line 7 has 2 fields but the header has 3");
        c.file("d.csv", line(7, "2020-01-01 05:00:00,1,2,3")).add("row with too many fields", "build-model --data " + d,
                "d.csv line 7 has 4 fields but the header has 3");
        c.file("d.csv", line(9, "2020-01-01 07:00:00,\"1,2")).add("quote left open", "build-model --data " + d, "d.csv line 9",
                "not closed");
        c.file("d.csv", line(9, "2020-01-01 07:00:00,\"1\"2,3")).add("text after a closing quote", "build-model --data " + d,
                "d.csv line 9", "column 'kpi'", "written twice");
        c.file("d.csv", bytes("timestamp,k\u00ffpi,x\n", GOOD.substring(GOOD.indexOf('\n') + 1))).add("header not UTF-8",
                "build-model --data " + d, "d.csv line 1", "column 2", "not UTF-8", "byte 0xFF", "save the file as UTF-8");
        c.file("d.xlsx", GOOD).add("unknown extension", "build-model --data {dir}/d.xlsx", "Cannot tell the format of {dir}/d.xlsx",
                ".csv, .csv.gz, .parquet");
        c.file("d.csv.gz", GOOD).add("gzip name on a plain file", "build-model --data {dir}/d.csv.gz", "d.csv.gz is not a valid gzip");
        c.file("d.csv", "timestamp,kpi,x\n2020-01-01 00:00:00," + ",1".repeat(70_000) + "\n").add("too many fields on a line",
                "build-model --data " + d, "d.csv line 2", "more than 65,536 fields");
        c.file("d.csv", "timestamp,kpi,x\n2020-01-01 00:00:00,1," + "7".repeat(1_100_000) + "\n").add("cell too long",
                "build-model --data " + d, "d.csv line 2", "column 'x'", "more than 1,048,576 characters");
        c.file("d.parquet", GOOD).add("parquet name on a CSV file", "build-model --data {dir}/d.parquet", "d.parquet");
        // ---- timestamps
        c.file("d.csv", cell(6, 0, "yesterday")).add("timestamp that is not one", "build-model --data " + d, "d.csv line 6",
                "column 'timestamp'", "'yesterday'", "ISO 8601");
        c.file("d.csv", cell(6, 0, "")).add("timestamp missing", "build-model --data " + d, "d.csv line 6", "column 'timestamp'",
                "every row needs a timestamp");
        c.file("d.csv", cell(6, 0, "2020-02-30 10:00:00")).add("day that does not exist", "build-model --data " + d, "d.csv line 6",
                "'2020-02-30 10:00:00'", "ISO 8601");
        c.file("d.csv", cell(6, 0, "1577847600")).add("epoch among ISO date-times", "build-model --data " + d, "d.csv line 6",
                "'1577847600'", "like the first row");
        c.file("d.csv", epochs("15778368000000000")).add("epoch of 17 digits", "build-model --data " + d, "d.csv line 2",
                "'15778368000000000'", "17 digits", "milliseconds (12 or 13)");
        c.file("d.csv", epochs("9223372036854775808")).add("epoch beyond a long", "build-model --data " + d, "d.csv line 2",
                "'9223372036854775808'", "nanoseconds (18 or 19)");
        c.file("d.csv", epochs("123456789012345678901234")).add("epoch of 24 digits", "build-model --data " + d, "24 digits");
        c.add("timestamp column misspelt", "build-model --data {data} --timestamp timestmp", "good.csv has no timestamp column",
                "did you mean 'timestamp'?");
        c.add("value column named as timestamp", "build-model --data {data} --timestamp x", "good.csv line 2", "column 'x'",
                "1970", "ISO 8601");
        c.file("d.csv", GOOD.replace("timestamp,", "when,").replaceAll("2020-01-(\\d\\d) (\\d\\d):00:00", "day $1 hour $2"))
                .add("no timestamp column at all", "build-model --data " + d, "d.csv has no timestamp column", "--timestamp");
        c.add("zone unknown", "build-model --data {data} --zone Mars/Olympus", "'Mars/Olympus' is not a time zone", "Europe/Berlin",
                "+01:00");
        c.add("zone misspelt", "build-model --data {data} --zone europe/berlin", "did you mean 'Europe/Berlin'?");
        c.add("--from not a timestamp", "build-model --data {data} --from tomorrow", "--from 'tomorrow' is not a timestamp", "ISO 8601");
        c.add("--to before --from", "build-model --data {data} --from 2020-01-05 --to 2020-01-02", "is before --from");
        c.add("--from/--to after the data", "build-model --data {data} --from 2030-01-01 --to 2030-02-01",
                "from 2030-01-01T00:00:00Z to 2030-02-01T00:00:00Z", "picks no row of", "2020-01-01T00:00:00Z");
        c.file("d.csv", "timestamp,kpi,x\n2020-01-01 00:00:00,1,2\n2020-01-01 00:00:00,2,3\n").add("one distinct timestamp",
                "build-model --data " + d, "single distinct timestamp", "2020-01-01T00:00:00Z");
        // ---- values
        c.file("d.csv", cell(51, 1, "1e400")).add("number beyond a double", "build-model --data " + d, "d.csv line 51",
                "column 'kpi'", "'1e400'", "beyond the range of a double");
        c.file("d.csv", cell(51, 2, "-1e400")).add("negative number beyond a double", "build-model --data " + d, "d.csv line 51",
                "column 'x'", "'-1e400'", "only finite numbers");
        c.file("d.csv", cell(51, 1, "1" + "0".repeat(400))).add("400-digit integer", "build-model --data " + d, "d.csv line 51",
                "column 'kpi'", "beyond the range of a double");
        c.file("d.csv", cell(51, 1, "Infinity")).add("infinity", "build-model --data " + d, "d.csv line 51", "'Infinity'", "infinite");
        c.file("d.csv", cell(51, 1, "12%")).add("percent sign", "build-model --data " + d, "d.csv line 51", "'12%'", "is not a number",
                "empty");
        String semicolons = GOOD.replace(',', ';');
        c.file("d.csv", semicolons.replace(semicolons.split("\n")[5], "2020-01-01 04:00:00;10,5;1")).add("decimal comma",
                "build-model --data " + d, "d.csv line 6", "column 'kpi'", "'10,5'", "decimal separator must be '.'");
        c.file("d.csv", cell(51, 1, "1.2.3")).add("two decimal points", "build-model --data " + d, "d.csv line 51", "'1.2.3'",
                "is not a number");
        c.file("d.csv", cell(51, 1, "1e300")).add("value beyond what Vigil models", "build-model --data " + d, "d.csv row 50",
                "2020-01-03T01:00:00Z", "column 'kpi'", "1.0E300", "±1e50", "rescale");
        c.file("d.csv", cell(81, 2, "-1e60")).add("influencer beyond what Vigil models", "build-model --data " + d, "d.csv row 80",
                "column 'x'", "-1.0E60", "±1e50");
        c.file("d.csv", withColumn("lab", i -> i == 40 ? "7" : "0")).add("label that is not 0 or 1",
                "build-model --data " + d + " --label lab", "d.csv line 42", "column 'lab'", "'7'", "1 (anomaly), 0 (normal)");
        c.file("d.csv", withColumn("lab", i -> i == 99 ? "0.5" : "0")).add("label of one half", "build-model --data " + d + " --label lab",
                "d.csv line 101", "'0.5'", "is not a label");
        c.file("d.csv", withColumn("lab", i -> i == 99 ? "yes" : "0")).add("label that is text", "build-model --data " + d
                + " --label lab", "d.csv line 101", "column 'lab'", "'yes'");
        c.add("KPI misspelt", "build-model --data {data} --kpi kpii", "good.csv has no KPI column 'kpii'", "did you mean 'kpi'?",
                "columns: kpi, x");
        c.add("KPI is the timestamp column", "build-model --data {data} --kpi timestamp", "'timestamp' is the timestamp column",
                "KPI column", "kpi, x");
        c.add("label column missing", "build-model --data {data} --label labl", "has no label column 'labl'", "columns: kpi, x");
        c.add("excluded column missing", "build-model --data {data} --exclude xx", "has no column to exclude 'xx'", "did you mean 'x'?");
        c.file("d.csv", withColumn("site", i -> i == 120 ? "12" : "north")).add("text KPI named", "build-model --data " + d
                + " --kpi site", "d.csv line 2", "column 'site'", "'north'", "is not a number");
        // ---- configurations
        c.file("c.json", "{\"configuration\": ").add("configuration not JSON", "build-model --data {data} --config {dir}/c.json",
                "c.json is not valid JSON", "line 1, column");
        c.file("c.json", "{\"data\": {\"KPIColum\": \"kpi\"}}").add("configuration key misspelt",
                "build-model --data {data} --config {dir}/c.json", "c.json", "$.data.KPIColum", "did you mean 'KPIColumn'?");
        c.file("c.json", "{\"configuration\": {\"normalBehaviorModel\": {\"features\": [\"Polynomal\"]}}}").add("feature misspelt",
                "build-model --data {data} --config {dir}/c.json", "Unknown feature 'Polynomal'", "did you mean 'Polynomial'?", "c.json");
        c.file("c.json", "{\"configuration\": {\"domainSpecifics\": [{\"perspective\": \"Residul\"}]}}").add(
                "perspective misspelt in a configuration", "build-model --data {data} --config {dir}/c.json", "'Residul'",
                "did you mean 'Residual'?");
        c.file("c.json", "{\"data\": {\"KPIColumn\": \"kpy\"}}").add("configuration KPI missing from the data",
                "build-model --data {data} --config {dir}/c.json", "good.csv has no KPI column 'kpy'", "did you mean 'kpi'?");
        c.file("c.json", "[1, 2]").add("configuration is a list", "build-model --data {data} --config {dir}/c.json", "c.json");
        c.file("c.json", "{\"data\": {\"rows\": {\"type\": \"First\", \"baseUnit\": \"Sample\", \"value\": -3}}}").add(
                "configuration with negative rows", "build-model --data {data} --config {dir}/c.json", "rows");
        c.file("c.json", "{\"data\": {\"rows\": [{\"from\": \"2020-01-01\", \"to\": \"soon\"}]}}").add(
                "configuration range not a timestamp", "build-model --data {data} --config {dir}/c.json", "'soon'", "ISO 8601");
        c.add("configuration missing", "build-model --data {data} --config {dir}/none.json", "none.json");
        c.add("perspective misspelt", "build-model --data {data} --perspectives Residul", "Unknown perspective 'Residul'",
                "did you mean 'Residual'?");
        c.add("sensitivity beyond 100", "build-model --data {data} --sensitivity 150", "150", "100");
        // ---- model files
        c.add("model file missing", "detect --data {data} --model {dir}/none.json", "Model file {dir}/none.json does not exist");
        c.file("m.json", "not json at all").add("model that is not JSON", "detect --data {data} --model {dir}/m.json",
                "Model file {dir}/m.json is not valid JSON", "line 1");
        c.file("m.json", "").add("empty model file", "detect --data {data} --model {dir}/m.json", "{dir}/m.json");
        c.file("m.json", "{\"hello\": 1}").add("JSON that is not a model", "detect --data {data} --model {dir}/m.json",
                "is not a Vigil model file");
        c.file("m.json", "@truncated").add("truncated model", "detect --data {data} --model {dir}/m.json", "{dir}/m.json",
                "truncated or corrupted", "line ");
        c.file("m.json", "@edited").add("edited model", "detect --data {data} --model {dir}/m.json", "does not match its checksum",
                "Rebuild the model");
        c.file("m.json", "@newer").add("model from a newer Vigil", "detect --data {data} --model {dir}/m.json", "model version 99",
                "Upgrade Vigil");
        c.file("m.json", randomBytes(3000, 1)).add("model of random bytes", "detect --data {data} --model {dir}/m.json", "{dir}/m.json",
                "is not a Vigil model file", "not UTF-8");
        c.file("d.csv", GOOD.replace("timestamp,kpi,x", "timestamp,output,x")).add("data without the model's KPI",
                "detect --data " + d + " --model {model}", "d.csv has no KPI column 'kpi'", "columns: output, x");
        c.file("d.csv", cell(51, 1, "1e400")).add("bad value in detect data", "detect --data " + d + " --model {model}",
                "d.csv line 51", "'1e400'");
        // ---- plugin jars
        c.file("p.jar", randomBytes(5000, 2)).add("plugin jar of random bytes", "build-model --data {data} --plugins {dir}/p.jar",
                "--plugins {dir}/p.jar is not a readable jar", "a folder of jars");
        c.file("plugin/META-INF/services/dev.vigil.spi.DetectionPerspective", "com.example.Missing\n").add(
                "plugin naming a missing class", "build-model --data {data} --plugins {dir}/plugin", "--plugins {dir}/plugin",
                "'com.example.Missing'", "META-INF/services/dev.vigil.spi.DetectionPerspective");
        c.add("plugin path missing", "build-model --data {data} --plugins {dir}/none.jar", "--plugins {dir}/none.jar does not exist");
        // ---- options
        c.add("subcommand misspelt", "biuld-model --data {data}", "'biuld-model'", "did you mean 'build-model'?");
        c.add("option misspelt", "build-model --data {data} --modle-out {dir}/m.json", "--modle-out", "did you mean '--model-out'?");
        c.add("--rows beyond a long", "build-model --data {data} --rows first:99999999999999999999", "99999999999999999999 is too large",
                "at most");
        c.add("--rows not understood", "build-model --data {data} --rows sideways:3", "--rows 'sideways:3' is not understood",
                "first:N");
        c.add("--rows of none", "build-model --data {data} --rows first:0", "selects no rows", "at least 1");
        c.add("--rows and --from together", "build-model --data {data} --rows first:5 --from 2020-01-02", "either --rows or --from/--to");
        c.add("--sensitivity not a number", "build-model --data {data} --sensitivity high", "'high'", "--sensitivity");
        c.add("--data missing", "build-model", "--data");
        c.add("inspect of a missing file", "inspect {dir}/none.csv", "{dir}/none.csv");
        c.file("d.csv", cell(51, 1, "1e400")).add("convert of a bad value", "convert " + d + " {dir}/out.csv", "d.csv line 51",
                "'1e400'");
        return c.all.stream();
    }

    private static String epochs(String first) {
        return "timestamp,kpi,x\n" + first + ",1,2\n" + first + ",3,4\n";
    }

    private static byte[] bytes(String latin1Header, String rest) {
        byte[] h = latin1Header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] r = rest.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(h, h.length + r.length);
        System.arraycopy(r, 0, all, h.length, r.length);
        return all;
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAMessageAndExitTwo(Case c, @TempDir Path dir) throws IOException {
        for (Map.Entry<String, Object> f : c.files().entrySet()) {
            Path p = dir.resolve(f.getKey());
            if (f.getKey().endsWith("/")) {
                Files.createDirectories(p);
                continue;
            }
            Files.createDirectories(p.getParent());
            if (f.getValue() instanceof byte[] b) {
                Files.write(p, b);
            } else {
                Files.writeString(p, modelVariant((String) f.getValue()));
            }
        }
        Map<Path, byte[]> before = snapshot(dir);
        byte[] sharedData = Files.readAllBytes(data);
        byte[] sharedModel = Files.readAllBytes(model);
        String[] args = c.args().stream().map(a -> a.replace("{dir}", dir.toString()).replace("{data}", data.toString())
                .replace("{model}", model.toString())).toArray(String[]::new);

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as("exit code; stderr: %s; stdout: %s", run.err(), run.out()).isEqualTo(2);
        assertThat(run.err()).startsWith("vigil: ").doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error")
                .doesNotContain("Ranges[").doesNotContain("TimeRange[");
        for (String fragment : c.expected()) {
            assertThat(run.err()).as("stderr names what is wrong and what is valid").contains(fragment.replace("{dir}", dir.toString()));
        }
        Map<Path, byte[]> after = snapshot(dir);
        before.forEach((p, bytes) -> assertThat(after.get(p)).as("input %s unchanged", p).isEqualTo(bytes));
        assertThat(Files.readAllBytes(data)).isEqualTo(sharedData);
        assertThat(Files.readAllBytes(model)).isEqualTo(sharedModel);
    }

    /** A model file's text: the shared model cut in half ({@code @truncated}), edited, or claiming version 99. */
    private static String modelVariant(String content) throws IOException {
        return switch (content) {
            case "@truncated" -> Files.readString(model).substring(0, (int) (Files.size(model) / 2));
            case "@edited" -> Files.readString(model).replaceFirst("\"samplingPeriod\" : \"PT1H\"", "\"samplingPeriod\" : \"PT2H\"");
            case "@newer" -> Files.readString(model).replaceFirst("\"vigilModelVersion\" : 1", "\"vigilModelVersion\" : 99");
            default -> content;
        };
    }

    private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(p, Files.readAllBytes(p));
            }
        }
        return files;
    }

    @org.junit.jupiter.api.Test
    void theCatalogueHoldsAtLeastSixtyCases() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(60);
    }
}
