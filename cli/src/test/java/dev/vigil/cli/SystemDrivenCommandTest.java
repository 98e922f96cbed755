package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.io.report.ResultsRecord;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import dev.vigil.testing.SystemFault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** build-model, detect and evaluate for system-driven models, end to end on a generated machine with known faults. */
class SystemDrivenCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static SystemData machine;
    static Path data;
    static Path ranges;
    static Path tags;
    static Path model;
    static CliRun built;

    @BeforeAll
    static void buildAModel() throws IOException {
        machine = SystemDataGenerator.create().rows(4000).signals(6).trainShare(0.5).faultsPerKind(1).modeChanges(1).seed(7).generate();
        data = dir.resolve("machine.csv");
        CsvWriter.write(machine.unlabelled(), data);
        ranges = dir.resolve("labels.csv");
        List<String> lines = new ArrayList<>(List.of("start,end,label"));
        long[] t = machine.frame().times();
        for (SystemFault f : machine.faults()) {
            lines.add(Instant.ofEpochMilli(t[f.start()]) + "," + Instant.ofEpochMilli(t[f.end() - 1]) + "," + f.kind() + " " + f.signal());
        }
        Files.write(ranges, lines);
        tags = dir.resolve("tags.csv");
        List<String> tagLines = new ArrayList<>(List.of("Tag,UOM,Subsystem"));
        for (int i = 0; i < machine.signals().size(); i++) {
            tagLines.add(machine.signals().get(i) + ",bar," + (i < 3 ? "motor" : "pump"));
        }
        Files.write(tags, tagLines);
        model = dir.resolve("model.json");
        built = CliRun.of("build-model", "--approach", "system-driven", "--data", data.toString(), "--rows", "first:2000", "--tags",
                tags.toString(), "--model-out", model.toString(), "--table-out", dir.resolve("in-sample.csv").toString());
    }

    @Test
    void buildsAModelAndSaysWhatItFoundInSample() throws IOException {
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).startsWith("Built a model: cross-regression model of 6 signals, on 2,000 rows of")
                .contains("Anomalies: ").contains("Wrote the model to");
        List<String> table = Files.readAllLines(dir.resolve("in-sample.csv"));
        assertThat(table.get(0)).isEqualTo("timestamp,label,anomaly_code,anomaly_indicator,score,severity");
        assertThat(table).hasSize(2001);
        JsonNode file = JSON.readTree(model.toFile());
        assertThat(file.get("approach").asText()).isEqualTo("system-driven");
        assertThat(file.get("settings").get("job").get("groups").get("s1").asText()).isEqualTo("motor");
    }

    @Test
    void outputsAreWrittenAllOrNoneAndAnUnwritableOneIsRefusedBeforeTheWork() throws IOException {
        Path blocker = dir.resolve("a-file");
        Files.writeString(blocker, "not a folder");
        Path modelOut = dir.resolve("all-or-none-model.json");
        Path table = dir.resolve("all-or-none.csv");
        CliRun run = CliRun.of("build-model", "--approach", "system-driven", "--data", data.toString(), "--rows", "first:2000",
                "--model-out", modelOut.toString(), "--table-out", table.toString(), "--results-out", blocker.resolve("results.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--results-out").contains(blocker.toString());
        assertThat(run.out()).doesNotContain("Built a model");
        assertThat(modelOut).doesNotExist();
        assertThat(table).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".vigil-"));
        }

        CliRun folder = CliRun.of("detect", "--model", model.toString(), "--data", data.toString(), "--events-out", dir.toString(),
                "--diagnostics-out", dir.resolve("d.jsonl").toString());
        assertThat(folder.err()).contains("--events-out " + dir + " is a folder").contains(dir.resolve("events.json").toString());
        CliRun folder2 = CliRun.of("detect", "--model", model.toString(), "--data", data.toString(), "--diagnostics-out", dir.toString());
        assertThat(folder2.err()).contains(dir.resolve("diagnostics.jsonl").toString());

        Path detected = dir.resolve("all-or-none-detected.csv");
        Path events = dir.resolve("all-or-none-events.json");
        CliRun detect = CliRun.of("detect", "--model", model.toString(), "--data", data.toString(), "--table-out", detected.toString(),
                "--events-out", events.toString());
        assertThat(detect.exitCode()).as(detect.err()).isZero();
        assertThat(ResultsRecord.check(detected, ModelFiles.checksumOf(model))).isPresent();
        assertThat(JSON.readTree(events.toFile()).get("events").size()).isPositive();
    }

    @Test
    void detectsEventsWithDiagnosticsAndJudgesThemAgainstTheRanges() throws IOException {
        Path events = dir.resolve("events.json");
        Path diagnostics = dir.resolve("diagnostics.jsonl");
        Path table = dir.resolve("detected.csv");
        CliRun run = CliRun.of("detect", "--model", model.toString(), "--data", data.toString(), "--labels", ranges.toString(),
                "--table-out", table.toString(), "--contributions", "--events-out", events.toString(), "--diagnostics-out", diagnostics.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Detected: cross-regression model of 6 signals, on 2,000 rows")
                .contains("Against 4 labelled ranges: ").contains("Event metrics: precision ").contains("Error measures: AUC 0.");
        List<String> header = List.of(Files.readAllLines(table).get(0).split(","));
        assertThat(header).containsExactly("timestamp", "label", "anomaly_code", "anomaly_indicator", "score", "severity", "contribution_s1",
                "contribution_s2", "contribution_s3", "contribution_s4", "contribution_s5", "contribution_s6");
        JsonNode j = JSON.readTree(events.toFile());
        JsonNode metrics = j.get("modelMetrics");
        assertThat(metrics.get("labeled_event_metrics").get("num_labeled").asInt()).isEqualTo(4);
        assertThat(metrics.get("labeled_event_metrics").get("num_identified").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(metrics.get("predicted_ranges").size()).isEqualTo(j.get("events").size());
        for (JsonNode e : j.get("events")) {
            assertThat(sum(e.get("diagnostics"))).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(sum(e.get("components"))).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(e.get("components").size()).isEqualTo(2);
            assertThat(e.get("peakIndicator").asDouble()).isGreaterThan(1);
        }
        List<String> lines = Files.readAllLines(diagnostics);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode row = JSON.readTree(line);
            assertThat(row.get("prediction").asInt()).isEqualTo(1);
            assertThat(row.get("anomaly_score").asDouble()).isGreaterThan(0.5);
            assertThat(sum(row.get("diagnostics"))).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(row.get("diagnostics").get(0).get("name").asText()).isEqualTo("s1");
            assertThat(row.get("interpretation").size()).isEqualTo(6);
        }
    }

    @Test
    void evaluateScoresASystemDrivenTableAgainstRanges() {
        Path table = dir.resolve("for-evaluate.csv");
        assertThat(CliRun.of("detect", "--model", model.toString(), "--data", data.toString(), "--table-out", table.toString()).exitCode())
                .isZero();
        CliRun run = CliRun.of("evaluate", "--results", table.toString(), "--labels", ranges.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Labels                " + ranges + ": labelled ranges").contains("  Labelled events     4")
                .contains("  Caught              4 of 4");
        CliRun both = CliRun.of("evaluate", "--results", table.toString(), "--labels", ranges.toString(), "--data", data.toString(),
                "--label", "x");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("Give either --labels");
        assertThat(CliRun.of("evaluate", "--results", table.toString()).err()).contains("Give the labels: --data FILE --label COL");
    }

    @Test
    void evaluateCountsTheEventsDetectReportedWithTheModelsRules() throws IOException {
        Path ruled = dir.resolve("ruled-model.json");
        double[] s1 = dev.vigil.io.csv.CsvReader.read(data, new dev.vigil.spi.log.JobLog()).values("s1");
        double threshold = java.util.Arrays.stream(s1).sorted().toArray()[s1.length / 10];
        CliRun build = CliRun.of("build-model", "--approach", "system-driven", "--data", data.toString(), "--rows", "first:2000", "--model",
                "pca", "--event-gap", "8", "--min-event-duration", "PT2M", "--off-time", "s1<" + threshold, "--model-out", ruled.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        Path table = dir.resolve("ruled.csv");
        Path events = dir.resolve("ruled-events.json");
        CliRun detect = CliRun.of("detect", "--model", ruled.toString(), "--data", data.toString(), "--labels", ranges.toString(),
                "--table-out", table.toString(), "--events-out", events.toString());
        assertThat(detect.exitCode()).as(detect.err()).isZero();
        assertThat(Files.readAllLines(table).get(0)).isEqualTo("timestamp,label,anomaly_code,anomaly_indicator,score,severity,machine_off");
        assertThat(Files.exists(dir.resolve("ruled.csv.vigil.json"))).as("the table's record").isTrue();
        JsonNode reported = JSON.readTree(events.toFile()).get("modelMetrics").get("event_metrics");

        CliRun withModel = CliRun.of("evaluate", "--results", table.toString(), "--labels", ranges.toString(), "--model", ruled.toString(), "--json");
        assertThat(withModel.exitCode()).as(withModel.err()).isZero();
        JsonNode evaluated = JSON.readTree(withModel.out()).get("events");
        assertThat(evaluated.get("detected").asInt()).isEqualTo(reported.get("detected_events").asInt());
        assertThat(evaluated.get("caught").asInt()).isEqualTo(reported.get("caught").asInt());
        assertThat(evaluated.get("trueDetections").asInt()).isEqualTo(reported.get("true_detections").asInt());
        assertThat(evaluated.get("f1").asDouble()).isEqualTo(reported.get("f1").asDouble());
        assertThat(JSON.readTree(withModel.out()).get("eventRules").get("mergeGapRows").asInt()).isEqualTo(8);

        CliRun text = CliRun.of("evaluate", "--results", table.toString(), "--labels", ranges.toString(), "--model", ruled.toString());
        assertThat(text.out()).contains("  Detected events     " + reported.get("detected_events").asInt()
                + " (anomalous rows at most 8 rows apart form one; events shorter than 2 minutes dropped; the model's rules)");
        CliRun given = CliRun.of("evaluate", "--results", table.toString(), "--labels", ranges.toString(), "--event-gap", "0", "--json");
        assertThat(JSON.readTree(given.out()).get("events").get("detected").asInt())
                .as("Lookout's rule: every run is an event").isGreaterThan(reported.get("detected_events").asInt());
    }

    @Test
    void theDataQualityReportJudgesTheRowsTheModelTrainsOn() throws IOException {
        Path html = dir.resolve("first-half.html");
        Path report = dir.resolve("first-half.json");
        CliRun run = CliRun.of("build-model", "--approach", "system-driven", "--data", data.toString(), "--rows", "first:2000", "--model", "pca",
                "--json-out", report.toString(), "--report-out", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        long[] t = machine.frame().times();
        JsonNode quality = ReportCommandTest.data(html).path("quality").path("SensorStatisticsSummaries");
        assertThat(quality.size()).isEqualTo(6);
        quality.forEach(s -> {
            assertThat(s.path("DataStartTime").asText()).isEqualTo(Instant.ofEpochMilli(t[0]).toString());
            assertThat(s.path("DataEndTime").asText()).isEqualTo(Instant.ofEpochMilli(t[1999]).toString());
        });
        List<String> messages = new ArrayList<>();
        JSON.readTree(report.toFile()).get("logs").forEach(l -> messages.add(l.get("message").asText()));
        assertThat(messages).contains("Data quality judged on the rows the model trains on: " + Instant.ofEpochMilli(t[0]) + " to "
                + Instant.ofEpochMilli(t[1999]) + " (--rows).");
    }

    @Test
    void theBuildsLogSaysWhatItDoesAboutEachKindOfDataQualityIssue() throws IOException {
        Path crafted = dir.resolve("crafted.csv");
        List<String> lines = new ArrayList<>();
        List<String> rows = Files.readAllLines(data);
        lines.add(rows.get(0) + ",flat");
        for (int i = 1; i <= 2000; i++) {
            String row = rows.get(i) + ",3";
            if (i % 97 == 0) {
                String[] f = row.split(",", -1);
                f[2] = "";
                row = String.join(",", f);
            }
            lines.add(row);
        }
        Files.write(crafted, lines);
        Path report = dir.resolve("crafted-report.json");
        CliRun run = CliRun.of("build-model", "--approach", "system-driven", "--data", crafted.toString(), "--model", "pca", "--json-out",
                report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> messages = new ArrayList<>();
        JSON.readTree(report.toFile()).get("logs").forEach(l -> messages.add(l.get("message").asText()));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("Data quality: static (flat): a signal constant on the training rows is "
                + "left out of the model"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("Data quality: missing values (s2): a row lacking a signal's value"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("Signal flat (3.0) is constant on the fit rows and left out"));
    }

    @Test
    void componentFoldersAndAZipOfPerVariableFilesBuildTheModelsTheirOneTablesBuild() throws IOException {
        List<String> rows = Files.readAllLines(data);
        // Lookout's layout: motor/motor.csv holds s1..s3, pump/pump.csv s4..s6; columns become component\tag
        Path plant = dir.resolve("plant");
        List<String> oneTable = new ArrayList<>();
        oneTable.add("timestamp,motor\\s1,motor\\s2,motor\\s3,pump\\s4,pump\\s5,pump\\s6");
        for (String component : List.of("motor", "pump")) {
            int from = component.equals("motor") ? 1 : 4;
            List<String> file = new ArrayList<>(List.of("Timestamp,s" + from + ",s" + (from + 1) + ",s" + (from + 2)));
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split(",", -1);
                file.add(f[0] + "," + f[from] + "," + f[from + 1] + "," + f[from + 2]);
            }
            Files.createDirectories(plant.resolve(component));
            Files.write(plant.resolve(component).resolve(component + ".csv"), file);
        }
        for (String row : rows.subList(1, rows.size())) {
            oneTable.add(row);
        }
        Path wide = dir.resolve("wide-components.csv");
        Files.write(wide, oneTable);
        Path componentTags = dir.resolve("component-tags.csv");
        Files.write(componentTags, List.of("Tag,UOM,Subsystem", "motor\\s1,A,drive", "motor\\s2,A,drive", "pump\\s4,bar,hydraulics"));
        double[] s1 = dev.vigil.io.csv.CsvReader.read(data, new dev.vigil.spi.log.JobLog()).values("s1");
        String off = "motor\\s1<" + java.util.Arrays.stream(s1).sorted().toArray()[s1.length / 20];
        JsonNode fromFolders = buildModel(plant, "folders", "--tags", componentTags.toString(), "--off-time", off);
        JsonNode fromTable = buildModel(wide, "wide", "--tags", componentTags.toString(), "--off-time", off);
        assertThat(fromFolders.get("model").get("signals").get(0).asText()).isEqualTo("motor\\s1");
        assertThat(fromFolders.get("model")).isEqualTo(fromTable.get("model"));
        assertThat(fromFolders.get("settings").get("job").get("groups").get("motor\\s1").asText()).isEqualTo("drive");

        // Azure's layout: a zip of timestamp,value files, one per variable
        Path zip = dir.resolve("variables.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            String[] header = rows.get(0).split(",");
            for (int j = 1; j < header.length; j++) {
                z.putNextEntry(new java.util.zip.ZipEntry(header[j] + ".csv"));
                StringBuilder b = new StringBuilder("timestamp,value\n");
                for (String row : rows.subList(1, rows.size())) {
                    String[] f = row.split(",", -1);
                    b.append(f[0]).append(',').append(f[j]).append('\n');
                }
                z.write(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        assertThat(buildModel(zip, "zip").get("model")).isEqualTo(buildModel(data, "table").get("model"));
    }

    private static JsonNode buildModel(Path from, String name, String... more) throws IOException {
        Path out = dir.resolve(name + "-layout-model.json");
        List<String> args = new ArrayList<>(List.of("build-model", "--approach", "system-driven", "--data", from.toString(), "--rows",
                "first:2000", "--model", "pca", "--model-out", out.toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(out.toFile());
    }

    @Test
    void resultsInAzuresShapeCarryTheTopContributorsAndSayWhyARowHasNoValue() throws IOException {
        Path azure = dir.resolve("azure.json");
        Path events = dir.resolve("azure-events.json");
        double[] s1 = dev.vigil.io.csv.CsvReader.read(data, new dev.vigil.spi.log.JobLog()).values("s1");
        double threshold = java.util.Arrays.stream(s1).sorted().toArray()[s1.length / 10];
        CliRun run = CliRun.of("build-model", "--approach", "system-driven", "--data", data.toString(), "--rows", "first:2000", "--model", "pca",
                "--window", "3", "--top-contributors", "3", "--off-time", "s1<" + threshold, "--results-out", azure.toString(), "--events-out",
                events.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote the results (Azure's shape) to " + azure);
        JsonNode results = JSON.readTree(azure.toFile()).get("results");
        assertThat(results.size()).isEqualTo(2000);
        assertThat(results.get(0).get("errors").get(0).get("code").asText()).isEqualTo(s1[0] < threshold ? "MachineOff" : "InsufficientHistoricalData");
        int anomalies = 0;
        int off = 0;
        for (int r = 0; r < 2000; r++) {
            JsonNode row = results.get(r);
            if (s1[r] < threshold) {
                off++;
                assertThat(row.get("errors").get(0).get("code").asText()).isEqualTo("MachineOff");
                assertThat(row.has("value")).isFalse();
            } else if (row.has("value") && row.get("value").get("isAnomaly").asBoolean()) {
                anomalies++;
                JsonNode interpretation = row.get("value").get("interpretation");
                assertThat(interpretation.size()).isEqualTo(3);
                assertThat(interpretation.get(0).get("contributionScore").asDouble())
                        .isGreaterThanOrEqualTo(interpretation.get(2).get("contributionScore").asDouble());
                assertThat(row.get("value").get("severity").asDouble()).isPositive();
            } else if (row.has("value")) {
                assertThat(row.get("value").get("interpretation").size()).isZero();
                assertThat(row.get("value").get("severity").asDouble()).isZero();
            }
        }
        assertThat(off).isGreaterThan(50);
        assertThat(anomalies).isEqualTo(JSON.readTree(events.toFile()).get("anomalousRows").asInt()).isPositive();
        CliRun tooMany = CliRun.of("build-model", "--approach", "system-driven", "--data", data.toString(), "--top-contributors", "31");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--top-contributors 31", "must be 1 to 30");
    }

    @Test
    void eventRulesAreRefusedForAKpiDrivenTable() throws IOException {
        Path kpiTable = dir.resolve("kpi.csv");
        Files.write(kpiTable, List.of("timestamp,model_index,kpi,normal_behavior,anomaly_code,anomaly_indicator_Residual",
                "2024-01-02T00:00:00Z,1,1,1,0,0.5", "2024-01-02T00:01:00Z,1,1,1,1,1.5"));
        CliRun run = CliRun.of("evaluate", "--results", kpiTable.toString(), "--labels", ranges.toString(), "--event-gap", "3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--event-gap is only for system-driven results tables");
    }

    @Test
    void detectRefusesDataWithoutASignalOfTheModelNamingIt() throws IOException {
        Path partial = dir.resolve("without-s3.csv");
        List<String> cut = new ArrayList<>();
        for (String line : Files.readAllLines(data)) {
            List<String> f = new ArrayList<>(List.of(line.split(",", -1)));
            f.remove(3); // timestamp, s1, s2, s3, …
            cut.add(String.join(",", f));
        }
        Files.write(partial, cut);
        CliRun run = CliRun.of("detect", "--model", model.toString(), "--data", partial.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'s3'").contains("the cross-regression model was built on s1, s2, s3, s4, s5, s6; detect needs every one of them");
    }

    @Test
    void aTagsFileNamingAnUnknownSignalIsRefusedNamingTheLine() throws IOException {
        Path bad = dir.resolve("bad-tags.csv");
        Files.write(bad, List.of("Tag,UOM,Subsystem", "s1,bar,motor", "s9,bar,pump"));
        CliRun run = CliRun.of("build-model", "--approach", "system-driven", "--data", data.toString(), "--tags", bad.toString(),
                "--rows", "first:500");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(bad + " line 3, column 'Tag': the data have no signal 's9'");
    }

    @Test
    void aRangeEndingBeforeItStartsIsRefusedNamingTheLine() throws IOException {
        Path bad = dir.resolve("bad-ranges.csv");
        Files.write(bad, List.of("start,end", "2024-01-02T10:00:00Z,2024-01-02T11:00:00Z", "2024-01-02T15:00:00Z,2024-01-02T14:00:00Z"));
        CliRun run = CliRun.of("detect", "--model", model.toString(), "--data", data.toString(), "--labels", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(bad + " line 3: the range ends ('2024-01-02T14:00:00Z', column 'end') before it starts");
    }

    @Test
    void aSensitivityOfZeroIsExplainedWhereItIsPrinted() {
        CliRun zero = CliRun.of("build-model", "--approach", "system-driven", "--data", data.toString(), "--rows", "first:2000", "--model", "pca",
                "--sensitivity", "0");
        assertThat(zero.exitCode()).as(zero.err()).isZero();
        assertThat(zero.out()).contains("Indicator: sensitivity 0.000 % (given), window 1 row; no training row was an outlier, so the "
                + "threshold (indicator 1) is the largest training score");
        CliRun one = CliRun.of("build-model", "--approach", "system-driven", "--data", data.toString(), "--rows", "first:2000", "--model", "pca",
                "--sensitivity", "1");
        assertThat(one.out()).contains("Indicator: sensitivity 1.000 % (given), window 1 row.").doesNotContain("no training row");
    }

    @Test
    void kpiDrivenCommandsRefuseASystemDrivenModelNamingTheCommandsThatTakeIt() {
        for (List<String> command : List.of(List.of("rca", "--at", "2024-01-01T00:00:00Z", "--data", data.toString()),
                List.of("stream", "--input", data.toString(), "--no-follow"), List.of("what-if", "--data", data.toString(), "--set", "s1=0"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--model", model.toString()));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("holds a system-driven model; this command works on kpi-driven models only", "vigil detect")
                    .doesNotContain("SystemModelFiles");
        }
    }

    @Test
    void optionsOfTheOtherApproachAreRefused() {
        CliRun kpi = CliRun.of("build-model", "--approach", "system-driven", "--data", data.toString(), "--kpi", "s1");
        assertThat(kpi.exitCode()).isEqualTo(2);
        assertThat(kpi.err()).contains("--kpi is only for kpi-driven models; leave it out");
        CliRun system = CliRun.of("build-model", "--data", data.toString(), "--kpi", "s1", "--tags", tags.toString());
        assertThat(system.exitCode()).isEqualTo(2);
        assertThat(system.err()).contains("--tags is only for --approach system-driven; leave it out");
        assertThat(CliRun.of("build-model", "--approach", "sideways", "--data", data.toString()).err())
                .contains("--approach").contains("system-driven");
    }

    @Test
    void offRowsAreLeftOutOfTrainingAndNeverFlagged() throws IOException {
        Path table = dir.resolve("off.csv");
        Path offModel = dir.resolve("off-model.json");
        double[] s1 = dev.vigil.io.csv.CsvReader.read(data, new dev.vigil.spi.log.JobLog()).values("s1");
        double threshold = java.util.Arrays.stream(s1).sorted().toArray()[s1.length / 5]; // off on a fifth of the rows
        CliRun run = CliRun.of("build-model", "--approach", "system-driven", "--data", data.toString(), "--rows", "first:2000",
                "--model", "pca", "--off-time", "s1<" + threshold, "--model-out", offModel.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(CliRun.of("detect", "--model", offModel.toString(), "--data", data.toString(), "--table-out", table.toString()).exitCode())
                .isZero();
        dev.vigil.spi.frame.TimeFrame out = dev.vigil.io.csv.CsvReader.read(table, new dev.vigil.spi.log.JobLog());
        double[] code = out.values("anomaly_code");
        double[] indicator = out.values("anomaly_indicator");
        double[] machineOff = out.values("machine_off");
        int off = 0;
        for (int r = 0; r < out.rows(); r++) {
            assertThat(machineOff[r]).isEqualTo(s1[2000 + r] < threshold ? 1 : 0);
            if (s1[2000 + r] < threshold) {
                off++;
                assertThat(code[r]).isZero();
                assertThat(indicator[r]).isNaN();
            }
        }
        assertThat(off).isGreaterThan(50);
        assertThat(run.out()).contains("trained on");
        assertThat(JSON.readTree(offModel.toFile()).get("settings").get("job").get("offCondition").asText()).startsWith("s1<");
    }

    @Test
    void buildsFromAFolderOfPerVariableFilesAndDetectsOnTheOneTable() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("per-variable"));
        List<String> rows = Files.readAllLines(data);
        String[] header = rows.get(0).split(",");
        for (int j = 1; j < header.length; j++) {
            List<String> file = new ArrayList<>(List.of("timestamp,value"));
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split(",", -1);
                file.add(f[0] + "," + f[j]);
            }
            Files.write(folder.resolve(header[j] + ".csv"), file);
        }
        Path m = dir.resolve("folder-model.json");
        CliRun run = CliRun.of("build-model", "--approach", "system-driven", "--data", folder.toString(), "--rows", "first:2000",
                "--model", "eif", "--model-out", m.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Built a model: eif model of 6 signals, on 2,000 rows");
        CliRun detect = CliRun.of("detect", "--model", m.toString(), "--data", data.toString());
        assertThat(detect.exitCode()).as(detect.err()).isZero();
        assertThat(detect.out()).startsWith("Detected: eif model of 6 signals, on 2,000 rows");
        CliRun kpi = CliRun.of("detect", "--model", m.toString(), "--data", data.toString(), "--layout", "file");
        assertThat(kpi.exitCode()).as(kpi.err()).isZero();
    }

    private static double sum(JsonNode entries) {
        double s = 0;
        for (JsonNode e : entries) {
            s += e.get("value").asDouble();
        }
        return s;
    }
}
