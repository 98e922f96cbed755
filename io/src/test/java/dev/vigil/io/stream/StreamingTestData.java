package dev.vigil.io.stream;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.stream.DetectionStream;
import dev.vigil.core.stream.StreamRow;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.AnomalousBehaviorSettings;
import dev.vigil.spi.settings.Configuration;
import dev.vigil.spi.settings.DetectionInterval;
import dev.vigil.spi.settings.DataSettings;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.Imputation;
import dev.vigil.spi.settings.ImputationType;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.testing.Trials;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random models and messy inputs for the streaming tests: every built-in plugin, every imputation rule. */
final class StreamingTestData {
    static final PluginRegistry REGISTRY = PluginRegistry.load();
    static final List<String> FEATURES = List.copyOf(REGISTRY.all(FeatureGenerator.class).keySet());
    static final List<String> PERSPECTIVES = List.copyOf(REGISTRY.all(DetectionPerspective.class).keySet());

    private StreamingTestData() {
    }

    /** One random case: data on a regular grid, a model built on its first part, and the input a stream is given. */
    record Case(TimeFrame data, DetectionModel model, List<String> columns, List<Long> times, List<double[]> rows, String description) {
    }

    /** Data of a random period, zone, size, with a holiday column. */
    static TimeFrame data(SplittableRandom random, int rows) {
        Duration period = Trials.oneOf(random, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofDays(1));
        ZoneId zone = Trials.oneOf(random, ZoneId.of("UTC"), ZoneId.of("Europe/Prague"), ZoneId.of("America/New_York"));
        TimeFrame f = KpiDataGenerator.create().rows(rows).period(period).start(Instant.parse("2023-03-20T00:00:00Z"))
                .seed(random.nextLong()).influencers(random.nextInt(1, 4)).distractors(random.nextInt(0, 2)).generate().unlabelled()
                .withZone(zone);
        double[] holiday = new double[rows];
        for (int i = 0; i < rows; i++) {
            holiday[i] = f.instant(i).atZone(zone).getDayOfMonth() % 11 == 0 ? 1 : 0;
        }
        return f.withColumn("holiday", holiday);
    }

    /** A model of random features, perspectives and imputation, built on the first {@code inSample} rows. */
    static DetectionModel model(SplittableRandom random, TimeFrame data, int inSample, StringBuilder description) {
        List<String> features = new ArrayList<>();
        for (String f : FEATURES) {
            if (random.nextInt(3) > 0) {
                features.add(f);
            }
        }
        List<DomainSpecific> perspectives = new ArrayList<>();
        for (String p : PERSPECTIVES) {
            if (random.nextInt(2) > 0 || perspectives.isEmpty() && p.equals(PERSPECTIVES.get(PERSPECTIVES.size() - 1))) {
                perspectives.add(DomainSpecific.auto(p));
            }
        }
        ImputationType type = Trials.oneOf(random, ImputationType.values());
        Imputation imputation = new Imputation(type, type == ImputationType.None ? 0 : random.nextInt(0, 7));
        DataSettings settings = new DataSettings(RowSelection.all(), List.of(), "kpi", null, "holiday", imputation, null,
                DataSettings.DEFAULT.aggregation());
        description.append(data.rows()).append(" rows every ").append(Duration.ofMillis(data.samplingPeriodMillis())).append(" in ")
                .append(data.zone()).append(", features ").append(features).append(", perspectives ")
                .append(perspectives.stream().map(DomainSpecific::perspective).toList()).append(", imputation ").append(imputation);
        Configuration cfg = JobSettings.DEFAULT.configuration()
                .withNormalBehaviorModel(NormalBehaviorSettings.DEFAULT.withFeatures(features)).withDomainSpecifics(perspectives);
        if (random.nextInt(3) == 0) {
            long period = data.samplingPeriodMillis();
            List<DetectionInterval> intervals = period < 3_600_000 ? List.of(new DetectionInterval(DetectionInterval.Type.Hour, "1-22"))
                    : period < 86_400_000 ? List.of(new DetectionInterval(DetectionInterval.Type.Day, "1-6"))
                    : List.of(new DetectionInterval(DetectionInterval.Type.Minute, "0-59"));
            cfg = cfg.withAnomalousBehaviorModel(new AnomalousBehaviorSettings(AnomalousBehaviorSettings.DEFAULT.maxModelComplexity(),
                    intervals, AnomalousBehaviorSettings.DEFAULT.secondPass()));
            description.append(", detection intervals ").append(intervals);
        }
        return AnomalyDetector.builder().registry(REGISTRY).data(settings).configuration(cfg).rows(RowSelection.first(inSample, RowUnit.Sample))
                .build().build(data).model();
    }

    /**
     * The rows a stream is given: the data's rows in order with holes (missing values alone and in
     * runs, some longer than any imputation fills), rows left out (gaps in time), and late and
     * duplicate rows slipped in, which a stream skips under {@link DetectionStream.LateRows#SKIP}.
     */
    static Case messy(SplittableRandom random, TimeFrame data, DetectionModel model, String description, boolean lateRows) {
        return messy(random, data, model, model.requiredColumns(), description, lateRows);
    }

    /** {@link #messy} with the given input columns (the KPI first). */
    static Case messy(SplittableRandom random, TimeFrame data, DetectionModel model, List<String> columns, String description,
            boolean lateRows) {
        int[] at = columns.stream().mapToInt(c -> data.columnNames().indexOf(c)).toArray();
        List<Long> times = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        int r = 0;
        while (r < data.rows()) {
            int kind = random.nextInt(100);
            if (kind < 3 && r > 0 && r < data.rows() - 1) {
                r += random.nextInt(1, 9); // a gap in time
                continue;
            }
            double[] row = new double[at.length];
            for (int c = 0; c < at.length; c++) {
                row[c] = data.value(at[c], r);
            }
            if (kind < 12) {
                row[random.nextInt(row.length)] = Double.NaN;
            }
            if (kind < 5) {
                int c = random.nextInt(row.length); // a run of missing values in one column
                int length = random.nextInt(2, 10);
                for (int k = 0; k < length && r < data.rows(); k++, r++) {
                    double[] rr = new double[at.length];
                    for (int cc = 0; cc < at.length; cc++) {
                        rr[cc] = data.value(at[cc], r);
                    }
                    rr[c] = Double.NaN;
                    times.add(data.time(r));
                    rows.add(rr);
                }
                continue;
            }
            times.add(data.time(r));
            rows.add(row);
            if (lateRows && kind >= 97 && times.size() > 3) {
                int back = random.nextInt(0, 3); // a duplicate (0) or a late row
                double[] again = row.clone();
                again[0] = again[0] + 1;
                times.add(times.get(times.size() - 1 - back));
                rows.add(again);
            }
            r++;
        }
        return new Case(data, model, columns, times, rows, description);
    }

    /** What a stream answered: one line per row, as numbers, to compare bits. */
    static final class Answers implements DetectionStream.Listener {
        final List<Long> times = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();

        @Override
        public void row(StreamRow row) {
            double[] v = new double[4 + row.perspectives().size()];
            v[0] = row.modelIndex();
            v[1] = row.kpi();
            v[2] = row.normalBehavior();
            v[3] = row.anomalyCode();
            for (int k = 0; k < row.perspectives().size(); k++) {
                v[4 + k] = row.indicator(k);
            }
            times.add(row.time());
            values.add(v);
        }
    }

    /** The accepted rows (strictly increasing timestamps) as a frame for batch detection. */
    static TimeFrame accepted(Case c) {
        List<Integer> keep = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (int i = 0; i < c.times().size(); i++) {
            if (c.times().get(i) > last) {
                keep.add(i);
                last = c.times().get(i);
            }
        }
        long[] t = keep.stream().mapToLong(c.times()::get).toArray();
        List<String> columns = c.columns();
        TimeFrame.Builder b = TimeFrame.builder(t).zone(c.data().zone()).source("accepted rows");
        for (int col = 0; col < columns.size(); col++) {
            double[] v = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                v[i] = c.rows().get(keep.get(i))[col];
            }
            b.column(columns.get(col), v);
        }
        if (!columns.contains("holiday")) {
            double[] v = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                v[i] = c.data().value(c.data().columnNames().indexOf("holiday"), c.data().indexOf(t[i]));
            }
            b.column("holiday", v);
        }
        return b.build();
    }
}
