package dev.vigil.io.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.stream.DetectionStream;
import dev.vigil.core.stream.StreamState;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.RebuildType;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.core.detection.ProgressListener;
import dev.vigil.testing.Trials;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A stream answers every row as batch detection on the same rows does, to the bit: random models of
 * every built-in feature, perspective and imputation rule, over inputs with missing values, runs of
 * them, gaps in time, duplicate and late rows (skipped), in zones with daylight saving time.
 */
class DetectionStreamTest {
    @Test
    void answersEveryRowAsBatchDetectionDoesToTheBit() {
        Trials.forAll(17, 14, random -> {
            StringBuilder description = new StringBuilder();
            TimeFrame data = StreamingTestData.data(random, random.nextInt(900, 2200));
            DetectionModel model = StreamingTestData.model(random, data, data.rows() * 3 / 5, description);
            StreamingTestData.Case c = StreamingTestData.messy(random, data, model, description.toString(), true);
            DetectionStream stream = model.stream(data.zone(), DetectionStream.LateRows.SKIP);
            StreamingTestData.Answers answers = new StreamingTestData.Answers();
            for (int i = 0; i < c.times().size(); i++) {
                stream.push(c.times().get(i), c.rows().get(i), answers);
            }
            stream.end(answers);
            assertSameAsBatch(c, answers, 0);
            assertEquals(0, stream.waiting(), "rows still waiting after end()");
        });
    }

    /** Compares the answers from the {@code from}-th answered row on with batch detection on the accepted rows. */
    static void assertSameAsBatch(StreamingTestData.Case c, StreamingTestData.Answers answers, int from) {
        TimeFrame table = c.model().detect(StreamingTestData.accepted(c), RowSelection.all()).table();
        assertEquals(table.rows(), answers.times.size(), "answered rows (" + c.description() + ")");
        for (int i = from; i < table.rows(); i++) {
            assertEquals(table.time(i), (long) answers.times.get(i), "timestamp of answer " + i);
            double[] got = answers.values.get(i);
            for (int col = 0; col < table.columnCount(); col++) {
                double expected = table.value(col, i);
                if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(got[col])) {
                    throw new AssertionError(table.columnNames().get(col) + " at " + table.instant(i) + " (answer " + i + "): batch " + expected
                            + ", stream " + got[col] + " (" + c.description() + ")");
                }
            }
        }
    }

    @Test
    void aLateOrDuplicateRowIsRefusedAndLeavesTheStreamAsItWas() {
        Trials.forAll(23, 3, random -> {
            StringBuilder description = new StringBuilder();
            TimeFrame data = StreamingTestData.data(random, 800);
            DetectionModel model = StreamingTestData.model(random, data, 500, description);
            StreamingTestData.Case c = StreamingTestData.messy(random, data, model, description.toString(), false);
            DetectionStream refusing = model.stream(data.zone(), DetectionStream.LateRows.REFUSE);
            StreamingTestData.Answers answers = new StreamingTestData.Answers();
            for (int i = 0; i < c.times().size(); i++) {
                refusing.push(c.times().get(i), c.rows().get(i), answers);
                if (i > 2 && i % 97 == 0) {
                    long late = c.times().get(i - random.nextInt(0, 3));
                    double[] row = c.rows().get(i);
                    VigilException e = assertThrows(VigilException.class, () -> refusing.push(late, row, answers));
                    assertEquals(ErrorCode.BAD_TIMESTAMP, e.code());
                    assertTrue(e.getMessage().contains("stream's newest row"), e.getMessage());
                }
            }
            refusing.end(answers);
            assertSameAsBatch(c, answers, 0);
        });
    }

    @Test
    void aLongGapAnswersAsTheRowsWithoutValuesItStandsFor() {
        Trials.forAll(37, 3, random -> {
            TimeFrame data = StreamingTestData.data(random, 900);
            DetectionModel model = StreamingTestData.model(random, data, 600, new StringBuilder());
            DetectionStream skipping = model.stream(data.zone(), DetectionStream.LateRows.REFUSE);
            DetectionStream stepping = model.stream(data.zone(), DetectionStream.LateRows.REFUSE);
            StreamingTestData.Answers a = new StreamingTestData.Answers();
            StreamingTestData.Answers b = new StreamingTestData.Answers();
            List<String> columns = skipping.columns();
            int[] at = columns.stream().mapToInt(data.columnNames()::indexOf).toArray();
            long period = data.samplingPeriodMillis();
            int gap = random.nextInt(20_000, 40_000);
            double[] empty = new double[at.length];
            java.util.Arrays.fill(empty, Double.NaN);
            for (int r = 0; r < data.rows(); r++) {
                long t = data.time(r) + (r >= 500 ? gap * period : 0);
                if (r == 500) {
                    for (int k = 0; k < gap; k++) {
                        stepping.push(data.time(499) + (k + 1) * period, empty, b);
                    }
                }
                double[] row = new double[at.length];
                for (int c = 0; c < at.length; c++) {
                    row[c] = data.value(at[c], r);
                }
                skipping.push(t, row, a);
                stepping.push(t, row, b);
            }
            skipping.end(a);
            stepping.end(b);
            assertEquals(b.times, a.times);
            for (int i = 0; i < a.values.size(); i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(b.values.get(i), a.values.get(i), "answer " + i);
            }
        });
    }

    @Test
    void aTimestampOffTheGridIsRefused() {
        SplittableRandom random = new SplittableRandom(5);
        TimeFrame data = StreamingTestData.data(random, 600);
        DetectionModel model = StreamingTestData.model(random, data, 400, new StringBuilder());
        DetectionStream stream = model.stream(data.zone(), DetectionStream.LateRows.SKIP);
        double[] row = new double[stream.columns().size()];
        stream.push(data.time(0), row, r -> { });
        VigilException e = assertThrows(VigilException.class, () -> stream.push(data.time(1) + 1, row, r -> { }));
        assertEquals(ErrorCode.BAD_TIMESTAMP, e.code());
        assertTrue(e.getMessage().contains("off the stream's grid"), e.getMessage());
    }

    @Test
    void aSnapshotWrittenAsJsonAndRestoredGivesTheSameAnswers() {
        Trials.forAll(29, 8, random -> {
            StringBuilder description = new StringBuilder();
            TimeFrame data = StreamingTestData.data(random, random.nextInt(800, 1600));
            DetectionModel model = StreamingTestData.model(random, data, data.rows() / 2, description);
            StreamingTestData.Case c = StreamingTestData.messy(random, data, model, description.toString(), true);
            DetectionStream stream = model.stream(data.zone(), DetectionStream.LateRows.SKIP);
            StreamingTestData.Answers answers = new StreamingTestData.Answers();
            int cut = random.nextInt(1, c.times().size() - 1);
            for (int i = 0; i < cut; i++) {
                stream.push(c.times().get(i), c.rows().get(i), answers);
            }
            String json = StreamSnapshots.toJson(stream.snapshot());
            StreamState back = StreamSnapshots.fromJson(json, "the snapshot");
            assertEquals(json, StreamSnapshots.toJson(back), "a snapshot read back writes the same JSON");
            DetectionStream resumed = DetectionStream.restore(model, back, DetectionStream.LateRows.SKIP);
            for (int i = cut; i < c.times().size(); i++) {
                resumed.push(c.times().get(i), c.rows().get(i), answers);
            }
            resumed.end(answers);
            assertSameAsBatch(c, answers, 0);
        });
    }

    @Test
    void aStreamSnapshottedWhileAnswersWaitGoesOnAsIfNeverStopped() {
        int[] heldAtASnapshot = {0};
        Trials.forAll(43, 6, random -> {
            StringBuilder description = new StringBuilder();
            TimeFrame data = StreamingTestData.data(random, random.nextInt(900, 1600));
            DetectionModel model = StreamingTestData.model(random, data, data.rows() / 2, description);
            StreamingTestData.Case c = StreamingTestData.messy(random, data, model, description.toString(), true);
            DetectionStream stream = model.stream(data.zone(), DetectionStream.LateRows.SKIP);
            StreamingTestData.Answers answers = new StreamingTestData.Answers();
            for (int i = 0; i < c.times().size(); i++) {
                stream.push(c.times().get(i), c.rows().get(i), answers);
                if (stream.waiting() > 0) { // resume from a snapshot wherever rows wait, as a restarted process would
                    StreamState state = StreamSnapshots.fromJson(StreamSnapshots.toJson(stream.snapshot()), "the snapshot");
                    heldAtASnapshot[0] += state.held().times().length;
                    stream = DetectionStream.restore(model, state, DetectionStream.LateRows.SKIP);
                }
            }
            stream.end(answers);
            assertSameAsBatch(c, answers, 0);
        });
        assertTrue(heldAtASnapshot[0] > 0, "no snapshot was taken while the decision rule held answers");
    }

    @Test
    void aVersion1SnapshotIsReadAsOneHoldingNoAnswers() {
        Trials.forAll(47, 2, random -> {
            StringBuilder description = new StringBuilder();
            TimeFrame data = StreamingTestData.data(random, 900);
            DetectionModel model = StreamingTestData.model(random, data, 500, description);
            StreamingTestData.Case c = StreamingTestData.messy(random, data, model, description.toString(), true);
            DetectionStream fresh = model.stream(data.zone(), DetectionStream.LateRows.SKIP);
            com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(StreamSnapshots.toJson(fresh.snapshot()));
            json.put("vigilStreamVersion", 1);
            com.fasterxml.jackson.databind.node.ObjectNode state = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("state");
            state.put("version", 1);
            state.putArray("decision");
            state.remove("held");
            DetectionStream stream = DetectionStream.restore(model, StreamSnapshots.fromJson(json.toString(), "v1.json"),
                    DetectionStream.LateRows.SKIP);
            StreamingTestData.Answers answers = new StreamingTestData.Answers();
            for (int i = 0; i < c.times().size(); i++) {
                stream.push(c.times().get(i), c.rows().get(i), answers);
            }
            stream.end(answers);
            assertSameAsBatch(c, answers, 0);
        });
    }

    @Test
    void aRefreshedStreamAnswersAsTheRebuiltModelDoesInBatch() {
        Trials.forAll(31, 8, random -> {
            StringBuilder description = new StringBuilder();
            TimeFrame data = StreamingTestData.data(random, random.nextInt(1000, 1800));
            DetectionModel model = StreamingTestData.model(random, data, data.rows() * 2 / 5, description);
            List<String> all = data.columnNames(); // every column: a model rebuilt with other influencers reads them
            StreamingTestData.Case c = StreamingTestData.messy(random, data, model, DetectionStream.of(model, data.zone(),
                    DetectionStream.LateRows.SKIP, all).columns(), description.toString(), true);
            RebuildType type = Trials.oneOf(random, RebuildType.values());
            DetectionModel rebuilt = model.rebuild(data.slice(0, data.rows() * 3 / 5), type, RowSelection.all(), null, ProgressListener.NONE)
                    .model();
            DetectionStream stream = DetectionStream.of(model, data.zone(), DetectionStream.LateRows.SKIP, all);
            StreamingTestData.Answers answers = new StreamingTestData.Answers();
            int cut = c.times().size() * 3 / 5;
            for (int i = 0; i < cut; i++) {
                stream.push(c.times().get(i), c.rows().get(i), answers);
            }
            int before = answers.times.size();
            stream.refresh(rebuilt);
            for (int i = cut; i < c.times().size(); i++) {
                stream.push(c.times().get(i), c.rows().get(i), answers);
            }
            stream.end(answers);
            StreamingTestData.Case after = new StreamingTestData.Case(c.data(), rebuilt, c.columns(), c.times(), c.rows(), c.description()
                    + ", rebuilt " + type);
            TimeFrame table = rebuilt.detect(StreamingTestData.accepted(after), RowSelection.all()).table();
            assertEquals(table.rows(), answers.times.size());
            for (int i = before; i < table.rows(); i++) {
                double[] got = answers.values.get(i);
                for (int col = 0; col < table.columnCount(); col++) {
                    double e = table.value(col, i);
                    double d = Math.abs(e - got[col]) / Math.max(1, Math.abs(e));
                    if (Double.isNaN(e) != Double.isNaN(got[col]) || d > 1e-12) {
                        throw new AssertionError(table.columnNames().get(col) + " at " + table.instant(i) + ": batch " + e + ", refreshed stream "
                                + got[col] + " (" + after.description() + ")");
                    }
                }
            }
        });
    }

    @Test
    void aSnapshotOfAnotherModelOrVersionIsRefused() {
        SplittableRandom random = new SplittableRandom(6);
        TimeFrame data = StreamingTestData.data(random, 600);
        DetectionModel model = StreamingTestData.model(random, data, 400, new StringBuilder());
        DetectionModel other = StreamingTestData.model(random, data, 300, new StringBuilder());
        DetectionStream stream = model.stream(data.zone(), DetectionStream.LateRows.SKIP);
        StreamState state = stream.snapshot();
        VigilException e = assertThrows(VigilException.class, () -> DetectionStream.restore(other, state, DetectionStream.LateRows.SKIP));
        assertEquals(ErrorCode.BAD_MODEL, e.code());
        int newer = StreamSnapshots.VERSION + 1;
        String json = StreamSnapshots.toJson(state).replace("\"vigilStreamVersion\":" + StreamSnapshots.VERSION, "\"vigilStreamVersion\":" + newer);
        VigilException v = assertThrows(VigilException.class, () -> StreamSnapshots.fromJson(json, "s.json"));
        assertTrue(v.getMessage().contains("version " + newer), v.getMessage());
        VigilException t = assertThrows(VigilException.class, () -> StreamSnapshots.fromJson("{\"vigilStreamVersion\":1,\"state\":{", "s.json"));
        assertEquals(ErrorCode.BAD_MODEL, t.code());
    }

}
