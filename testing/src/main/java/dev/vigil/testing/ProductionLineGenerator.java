package dev.vigil.testing;

import dev.vigil.spi.frame.TimeFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, physically plausible extrusion line sampled every second: three machines, each with a
 * raw-material feeder, two heated zones, a motor and a melt-pressure sensor, plus the hall's ambient
 * temperature and humidity; the KPI {@code Output} follows the smoothed feed rates, the lagged melt
 * pressure of machine 2, zone 1 of machine 3 and the ambient temperature. Operators change feeder set
 * points now and then (normal behaviour the model must learn). Values are rounded as sensors report
 * them: Output to 0.001, everything else to 0.01.
 *
 * <p>In the chosen part of the data it injects, into {@code Output} only and marked 1 in {@code
 * label}: sensor spikes (one row, ±8 noise standard deviations), a die build-up (a level shift of −6
 * for ten minutes) and unstable melt flow (noise six times larger for five minutes). The same seed
 * always gives the same data.
 */
public final class ProductionLineGenerator {
    private int rows = 14_400;
    private long seed = 7;
    private Instant start = Instant.parse("2024-03-04T06:00:00Z");
    private double anomaliesFrom = 2.0 / 3;
    private double anomaliesTo = 1;
    private int spikes = 3;
    private int shifts = 1;
    private int bursts = 1;

    private ProductionLineGenerator() {
    }

    /** Four hours of data (14,400 rows), anomalies in the last third. */
    public static ProductionLineGenerator create() {
        return new ProductionLineGenerator();
    }

    /** Number of rows (seconds). */
    public ProductionLineGenerator rows(int value) {
        this.rows = value;
        return this;
    }

    /** Random seed. */
    public ProductionLineGenerator seed(long value) {
        this.seed = value;
        return this;
    }

    /** First timestamp. */
    public ProductionLineGenerator start(Instant value) {
        this.start = value;
        return this;
    }

    /** How many spikes, level shifts and bursts to inject. */
    public ProductionLineGenerator anomalies(int spikeCount, int shiftCount, int burstCount) {
        this.spikes = spikeCount;
        this.shifts = shiftCount;
        this.bursts = burstCount;
        return this;
    }

    /** The part of the data, as fractions of the rows, where anomalies are placed. */
    public ProductionLineGenerator anomaliesBetween(double fromFraction, double toFraction) {
        this.anomaliesFrom = fromFraction;
        this.anomaliesTo = toFraction;
        return this;
    }

    /** The noise standard deviation of Output. */
    public static final double NOISE = 0.05;

    /** Generates the data. */
    public GeneratedData generate() {
        Random random = new Random(seed);
        long[] time = new long[rows];
        for (int i = 0; i < rows; i++) {
            time[i] = start.toEpochMilli() + i * 1000L;
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        double[] ambientT = new double[rows];
        double[] ambientH = new double[rows];
        double at = 0;
        double ah = 0;
        for (int i = 0; i < rows; i++) {
            at = 0.999 * at + 0.02 * random.nextGaussian();
            ah = 0.9995 * ah + 0.05 * random.nextGaussian();
            ambientT[i] = 21 + 1.5 * Math.sin(2 * Math.PI * i / (4 * 3600.0)) + at;
            ambientH[i] = 45 + ah;
        }
        columns.put("AmbientTemperature", ambientT);
        columns.put("AmbientHumidity", ambientH);
        double[][] feeder = new double[3][];
        double[][] zone1 = new double[3][];
        double[][] pressure = new double[3][];
        double[] setpoints = {200, 210, 190};
        for (int m = 0; m < 3; m++) {
            String p = "M" + (m + 1) + "_";
            feeder[m] = feeder(random, setpoints[m]);
            zone1[m] = zone(random, 180 + 5 * m, ambientT);
            double[] zone2 = zone(random, 190 + 5 * m, ambientT);
            double[] rpm = new double[rows];
            double[] amps = new double[rows];
            double[] press = new double[rows];
            double[] melt = new double[rows];
            for (int i = 0; i < rows; i++) {
                rpm[i] = 30 + 0.05 * (feeder[m][i] - setpoints[m]) + 0.1 * random.nextGaussian();
                amps[i] = 12 + 0.3 * rpm[i] + 0.02 * (feeder[m][i] - setpoints[m]) + 0.05 * random.nextGaussian();
                press[i] = 300 + 0.8 * (feeder[m][i] - setpoints[m]) - 1.2 * (zone2[i] - 190 - 5 * m) + 2 * random.nextGaussian();
                melt[i] = 0.6 * zone1[m][i] + 0.4 * zone2[i] + 0.3 * random.nextGaussian();
            }
            pressure[m] = press;
            columns.put(p + "RawMaterialFeeder", feeder[m]);
            columns.put(p + "Zone1_Temperature", zone1[m]);
            columns.put(p + "Zone2_Temperature", zone2);
            columns.put(p + "MotorRPM", rpm);
            columns.put(p + "MotorAmperage", amps);
            columns.put(p + "MaterialPressure", press);
            columns.put(p + "MaterialTemperature", melt);
        }
        double[][] ema = new double[3][rows];
        double alpha = 2.0 / 31;
        for (int m = 0; m < 3; m++) {
            double e = feeder[m][0];
            for (int i = 0; i < rows; i++) {
                e = alpha * feeder[m][i] + (1 - alpha) * e;
                ema[m][i] = e;
            }
        }
        double[] output = new double[rows];
        double[] noise = new double[rows];
        for (int i = 0; i < rows; i++) {
            double p2 = pressure[1][Math.max(0, i - 1)];
            output[i] = 10 + 0.01 * (ema[0][i] - 200) + 0.012 * (ema[1][i] - 210) + 0.008 * (ema[2][i] - 190)
                    - 0.01 * (p2 - 300) + 0.02 * (zone1[2][i] - 190) + 0.05 * (ambientT[i] - 21);
            noise[i] = NOISE * random.nextGaussian();
        }
        List<InjectedAnomaly> anomalies = place(random);
        double[] label = new double[rows];
        for (InjectedAnomaly a : anomalies) {
            for (int r = a.start(); r < a.end(); r++) {
                label[r] = 1;
                switch (a.kind()) {
                    case SPIKE, LEVEL_SHIFT -> output[r] += a.magnitude() * NOISE;
                    case VARIANCE_BURST -> noise[r] *= a.magnitude();
                    default -> { }
                }
            }
        }
        for (int i = 0; i < rows; i++) {
            output[i] += noise[i];
        }
        TimeFrame.Builder b = TimeFrame.builder(time).source("production line (seed " + seed + ")");
        b.column("Output", round(output, 1000));
        columns.forEach((name, values) -> b.column(name, round(values, 100)));
        b.column("label", label);
        List<String> influencers = new ArrayList<>(columns.keySet());
        return new GeneratedData(b.build(), "Output", influencers, List.of(), "label", anomalies, NOISE, Map.of());
    }

    /** Values as a sensor reports them: to {@code 1/per} of a unit. */
    private static double[] round(double[] v, double per) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.rint(v[i] * per) / per;
        }
        return out;
    }

    /** A feeder around its set point, with slow noise and an operator's set-point change every 20–40 minutes. */
    private double[] feeder(Random random, double setpoint) {
        double[] v = new double[rows];
        double sp = setpoint;
        double s = 0;
        int nextChange = 1200 + random.nextInt(1200);
        for (int i = 0; i < rows; i++) {
            if (i == nextChange) {
                sp = setpoint * (1 + 0.05 * (random.nextInt(3) - 1));
                nextChange = i + 1200 + random.nextInt(1200);
            }
            s = 0.99 * s + 0.4 * random.nextGaussian();
            v[i] = sp + s;
        }
        return v;
    }

    /** A heated zone held near its set point by a controller, nudged by the hall's temperature. */
    private double[] zone(Random random, double setpoint, double[] ambient) {
        double[] v = new double[rows];
        double x = setpoint;
        for (int i = 0; i < rows; i++) {
            x += 0.02 * (setpoint + 0.2 * (ambient[i] - 21) - x) + 0.15 * random.nextGaussian();
            v[i] = x;
        }
        return v;
    }

    private List<InjectedAnomaly> place(Random random) {
        int from = (int) (anomaliesFrom * rows);
        int to = (int) (anomaliesTo * rows);
        boolean[] taken = new boolean[rows];
        List<InjectedAnomaly> out = new ArrayList<>();
        add(out, taken, random, from, to, shifts, InjectedAnomaly.Kind.LEVEL_SHIFT, 600, -6);
        add(out, taken, random, from, to, bursts, InjectedAnomaly.Kind.VARIANCE_BURST, 300, 6);
        add(out, taken, random, from, to, spikes, InjectedAnomaly.Kind.SPIKE, 1, 8);
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    private static void add(List<InjectedAnomaly> out, boolean[] taken, Random random, int from, int to, int count,
            InjectedAnomaly.Kind kind, int length, double size) {
        int margin = 300;
        for (int n = 0; n < count; n++) {
            for (int attempt = 0; ; attempt++) {
                if (attempt > 10_000) {
                    throw new IllegalStateException("cannot place " + count + " " + kind + " anomalies in rows " + from + " to " + to);
                }
                int s = from + margin + random.nextInt(Math.max(1, to - from - length - 2 * margin));
                boolean free = true;
                for (int r = Math.max(0, s - margin); r < Math.min(taken.length, s + length + margin) && free; r++) {
                    free = !taken[r];
                }
                if (free) {
                    java.util.Arrays.fill(taken, s, s + length, true);
                    double magnitude = kind == InjectedAnomaly.Kind.SPIKE && random.nextBoolean() ? -size : size;
                    out.add(new InjectedAnomaly(kind, s, s + length, magnitude));
                    break;
                }
            }
        }
    }

    /** The sampling period. */
    public static Duration period() {
        return Duration.ofSeconds(1);
    }
}
