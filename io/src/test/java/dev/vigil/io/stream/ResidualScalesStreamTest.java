package dev.vigil.io.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.stream.DetectionStream;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.testing.Trials;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose time-of-day models leave residuals of different widths judges each against its own
 * scale (docs/models.md#residual-scales) — and a stream does so exactly as batch detection does, also
 * from the model's file.
 */
class ResidualScalesStreamTest {
    @TempDir
    Path dir;

    /** Hourly data of 90 days with a daily cycle, its noise three times wider at two hours of the day. */
    private static TimeFrame data(long seed) {
        TimeFrame f = KpiDataGenerator.create().rows(24 * 90).period(Duration.ofHours(1)).seed(seed).influencers(2).distractors(1)
                .dailyAmplitude(3).noise(0.5).generate().unlabelled();
        double[] kpi = f.values("kpi").clone();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < kpi.length; i++) {
            int hour = (int) Math.floorMod(f.time(i) / 3_600_000L, 24L);
            if (hour == 5 || hour == 17) {
                kpi[i] += 1.0 * (random.nextDouble() * 2 - 1) * Math.sqrt(3) * 1.4; // extra noise of sd ≈ 1.4
            }
        }
        return f.withColumn("kpi", kpi);
    }

    @Test
    void aStreamJudgesEachResidualAtItsModelsScaleAsBatchDoes() {
        Trials.forAll(61, 3, random -> {
            TimeFrame data = data(random.nextLong());
            DetectionModel model = AnomalyDetector.builder().kpi("kpi")
                    .normalBehavior(NormalBehaviorSettings.DEFAULT.withDailyCycle(AutoBoolean.TRUE))
                    .rows(RowSelection.first(24 * 70, RowUnit.Sample)).build().build(data).model();
            assertTrue(model.anomalousBehavior().scalesResiduals(), "the two wide hours get scales of their own");
            Path file = dir.resolve("m" + random.nextInt(1_000_000) + ".json");
            ModelFiles.write(model, file);
            DetectionModel read = ModelFiles.read(file, StreamingTestData.REGISTRY);
            assertTrue(read.anomalousBehavior().scalesResiduals(), "the scales are stored in the model file");
            TimeFrame withHoliday = data.withColumn("holiday", new double[data.rows()]); // the shared test data's batch side reads one
            StreamingTestData.Case c = StreamingTestData.messy(random, withHoliday, read, "hourly, wide hours 5 and 17", false);
            DetectionStream stream = read.stream(data.zone(), DetectionStream.LateRows.SKIP);
            StreamingTestData.Answers answers = new StreamingTestData.Answers();
            for (int i = 0; i < c.times().size(); i++) {
                stream.push(c.times().get(i), c.rows().get(i), answers);
            }
            stream.end(answers);
            DetectionStreamTest.assertSameAsBatch(c, answers, 0);
            assertEquals(0, stream.waiting());
        });
    }
}
