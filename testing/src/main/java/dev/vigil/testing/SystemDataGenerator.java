package dev.vigil.testing;

import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded generator of a machine's many correlated signals with labelled faults, for system-driven
 * (multivariate) detection: tests, benchmarks and plugin authors. The same settings and seed give the
 * same data on every JVM ({@link Random}'s algorithm is specified).
 *
 * <p>The machine has a few latent factors {@code f_k} (smooth AR(1) processes, unit variance) and two
 * operating modes that shift the factors' levels by a few standard deviations. Each signal is a
 * random linear mix of the factors, passed through one of four relations in turn — linear, a
 * saturating {@code tanh}, a square (non-monotone), linear on the factors {@code 2–6} rows earlier (a
 * lag; {@link #maxRelationLag} sets the longest) — plus a little noise, then put on its own scale and offset (units differ from signal to
 * signal). The signals are strongly correlated, some nonlinearly, some with a delay.
 *
 * <p>The first {@code trainShare} of the rows are clean training data holding both modes and the
 * moves between them. The events follow, spaced apart, each on a random signal:
 *
 * <ul>
 *   <li>{@link SystemFault.Kind#BROKEN_CORRELATION}: the signal is replaced by an independent AR(1)
 *       process with its usual mean and spread — every value is plausible alone, the combination is not;
 *   <li>{@link SystemFault.Kind#STUCK_SENSOR}: the signal freezes while the others move;
 *   <li>{@link SystemFault.Kind#DRIFT}: an offset growing linearly to {@code driftSize} standard deviations;
 *   <li>{@link SystemFault.Kind#SPIKE}: {@code spikeLength} rows off by {@code spikeSize} standard deviations;
 *   <li>{@link SystemFault.Kind#MODE_CHANGE}: the machine moves to its other mode over a ramp of
 *       {@code faultLength / 4} rows — normal behaviour, labelled 0, which a good detector does not flag.
 * </ul>
 *
 * Rows of the faults are labelled 1 in the {@code label} column. Not thread-safe; build one generator
 * per thread.
 */
public final class SystemDataGenerator {
    private int rows = 20_000;
    private int signals = 12;
    private int factors = 3;
    private Duration period = Duration.ofMinutes(1);
    private Instant start = Instant.parse("2024-01-01T00:00:00Z");
    private long seed = 42;
    private double trainShare = 0.5;
    private double noise = 0.1;
    private int faultsPerKind = 2;
    private int modeChanges = 2;
    private int faultLength = 120;
    private int spikeLength = 1;
    private double spikeSize = 6;
    private double driftSize = 4;
    private int maxRelationLag = 6;

    private SystemDataGenerator() {
    }

    /** A generator with the defaults: 20,000 rows of 1-minute data, 12 signals of 3 factors, half of it training, two faults of each kind. */
    public static SystemDataGenerator create() {
        return new SystemDataGenerator();
    }

    /** Number of rows. */
    public SystemDataGenerator rows(int value) {
        if (value < 100) {
            throw new IllegalArgumentException("rows must be at least 100");
        }
        this.rows = value;
        return this;
    }

    /** Number of signals, at least 2. */
    public SystemDataGenerator signals(int value) {
        if (value < 2) {
            throw new IllegalArgumentException("signals must be at least 2");
        }
        this.signals = value;
        return this;
    }

    /** Number of latent factors the signals share, at least 1. */
    public SystemDataGenerator factors(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("factors must be at least 1");
        }
        this.factors = value;
        return this;
    }

    /** Sampling period. */
    public SystemDataGenerator period(Duration value) {
        this.period = value;
        return this;
    }

    /** First timestamp. */
    public SystemDataGenerator start(Instant value) {
        this.start = value;
        return this;
    }

    /** Random seed. */
    public SystemDataGenerator seed(long value) {
        this.seed = value;
        return this;
    }

    /** Share of the rows, from the start, that are clean training data (0.1 to 0.95). */
    public SystemDataGenerator trainShare(double value) {
        if (!(value >= 0.1 && value <= 0.95)) {
            throw new IllegalArgumentException("trainShare must be between 0.1 and 0.95");
        }
        this.trainShare = value;
        return this;
    }

    /** Standard deviation of each signal's own noise, relative to the spread of its relation to the factors. */
    public SystemDataGenerator noise(double value) {
        this.noise = value;
        return this;
    }

    /** Faults of each kind (broken correlation, stuck sensor, drift, spike). */
    public SystemDataGenerator faultsPerKind(int value) {
        this.faultsPerKind = value;
        return this;
    }

    /** Normal changes of operating mode after the training rows. */
    public SystemDataGenerator modeChanges(int value) {
        this.modeChanges = value;
        return this;
    }

    /** Rows of a broken correlation, stuck sensor or drift. */
    public SystemDataGenerator faultLength(int value) {
        if (value < 4) {
            throw new IllegalArgumentException("faultLength must be at least 4");
        }
        this.faultLength = value;
        return this;
    }

    /** Rows of a spike. */
    public SystemDataGenerator spikeLength(int value) {
        this.spikeLength = value;
        return this;
    }

    /** Spike height, in standard deviations of the signal. */
    public SystemDataGenerator spikeSize(double value) {
        this.spikeSize = value;
        return this;
    }

    /** Final offset of a drift, in standard deviations of the signal. */
    public SystemDataGenerator driftSize(double value) {
        this.driftSize = value;
        return this;
    }

    /** The longest delay, in rows, of a lagged relation (each lagged signal gets one from 2 to this; 6 by default). */
    public SystemDataGenerator maxRelationLag(int value) {
        if (value < 2) {
            throw new IllegalArgumentException("maxRelationLag must be at least 2");
        }
        this.maxRelationLag = value;
        return this;
    }

    /** The data. */
    public SystemData generate() {
        Random rnd = new Random(seed);
        int n = rows;
        int trainEnd = (int) Math.round(n * trainShare);
        int ramp = Math.max(2, faultLength / 4);

        // the events after the training rows, in a random order, spaced evenly with some jitter
        List<SystemFault.Kind> kinds = new ArrayList<>();
        for (SystemFault.Kind k : List.of(SystemFault.Kind.BROKEN_CORRELATION, SystemFault.Kind.STUCK_SENSOR, SystemFault.Kind.DRIFT,
                SystemFault.Kind.SPIKE)) {
            for (int i = 0; i < faultsPerKind; i++) {
                kinds.add(k);
            }
        }
        for (int i = 0; i < modeChanges; i++) {
            kinds.add(SystemFault.Kind.MODE_CHANGE);
        }
        for (int i = kinds.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            kinds.set(i, kinds.set(j, kinds.get(i)));
        }
        int evalRows = n - trainEnd;
        int slot = kinds.isEmpty() ? evalRows : evalRows / kinds.size();
        if (!kinds.isEmpty() && slot < 2 * faultLength + ramp) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%,d rows after the training rows cannot hold %d events of %d rows "
                    + "spaced apart; give more rows, a smaller trainShare or fewer faults", evalRows, kinds.size(), faultLength));
        }

        // operating mode per row: in training, moves at about a third and two thirds; then the mode-change events
        double[] mode = new double[n];
        List<int[]> moves = new ArrayList<>(); // {start row}
        moves.add(new int[] {(int) (trainEnd * (0.3 + 0.1 * rnd.nextDouble()))});
        moves.add(new int[] {(int) (trainEnd * (0.62 + 0.1 * rnd.nextDouble()))});
        List<SystemFault> events = new ArrayList<>();
        String[] names = new String[signals];
        int width = Integer.toString(signals).length();
        for (int i = 0; i < signals; i++) {
            names[i] = String.format(Locale.ROOT, "s%0" + width + "d", i + 1);
        }
        int previousSignal = -1;
        int[] eventStart = new int[kinds.size()];
        for (int e = 0; e < kinds.size(); e++) {
            int from = trainEnd + e * slot + faultLength / 2;
            int room = slot - faultLength - faultLength / 2 - ramp;
            eventStart[e] = from + (room > 0 ? rnd.nextInt(room) : 0);
            SystemFault.Kind k = kinds.get(e);
            if (k == SystemFault.Kind.MODE_CHANGE) {
                moves.add(new int[] {eventStart[e]});
                events.add(new SystemFault(k, eventStart[e], eventStart[e] + faultLength, null, 0));
            } else {
                int s;
                do {
                    s = rnd.nextInt(signals);
                } while (s == previousSignal && signals > 1);
                previousSignal = s;
                int len = k == SystemFault.Kind.SPIKE ? spikeLength : faultLength;
                double magnitude = switch (k) {
                    case SPIKE -> spikeSize;
                    case DRIFT -> driftSize;
                    default -> 0;
                };
                events.add(new SystemFault(k, eventStart[e], eventStart[e] + len, names[s], magnitude));
            }
        }
        int current = 0;
        int m = 0;
        for (int t = 0; t < n; t++) {
            while (m < moves.size() && moves.get(m)[0] <= t) {
                current = 1 - current;
                m++;
            }
            mode[t] = current;
        }
        // ramps: the mode moves linearly over `ramp` rows from each move
        double[] level = mode.clone();
        for (int[] move : moves) {
            int s = move[0];
            double from = s > 0 ? mode[s - 1] : 0;
            double to = mode[s];
            for (int t = s; t < Math.min(n, s + ramp); t++) {
                level[t] = from + (to - from) * (t - s + 1.0) / ramp;
            }
        }

        // latent factors: AR(1), unit variance, shifted by the mode
        double phi = 0.97;
        double innovation = Math.sqrt(1 - phi * phi);
        double[][] f = new double[factors][n];
        for (int k = 0; k < factors; k++) {
            double shift = (1.5 + 1.5 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
            double x = rnd.nextGaussian();
            for (int t = 0; t < n; t++) {
                x = phi * x + innovation * rnd.nextGaussian();
                f[k][t] = x + shift * level[t];
            }
        }

        // the signals
        double[][] values = new double[signals][n];
        for (int i = 0; i < signals; i++) {
            double[] a = new double[factors];
            double norm = 0;
            for (int k = 0; k < factors; k++) {
                a[k] = rnd.nextGaussian();
                norm += a[k] * a[k];
            }
            norm = Math.sqrt(norm);
            int relation = i % 4;
            int lag = relation == 3 ? 2 + rnd.nextInt(maxRelationLag - 1) : 0;
            double offset = -50 + 250 * rnd.nextDouble();
            double scale = Math.exp(Math.log(0.1) + rnd.nextDouble() * Math.log(200));
            double[] v = values[i];
            for (int t = 0; t < n; t++) {
                int src = Math.max(0, t - lag);
                double z = 0;
                for (int k = 0; k < factors; k++) {
                    z += a[k] / norm * f[k][src];
                }
                double y = switch (relation) {
                    case 1 -> 2 * Math.tanh(z / 2);
                    case 2 -> z * z / 3;
                    default -> z;
                };
                v[t] = offset + scale * (y + noise * rnd.nextGaussian());
            }
        }

        // the faults, sized by the signals' training spread
        for (SystemFault e : events) {
            if (!e.anomalous()) {
                continue;
            }
            int s = Arrays.asList(names).indexOf(e.signal());
            double[] v = values[s];
            double mean = 0;
            for (int t = 0; t < trainEnd; t++) {
                mean += v[t];
            }
            mean /= trainEnd;
            double ss = 0;
            for (int t = 0; t < trainEnd; t++) {
                ss += (v[t] - mean) * (v[t] - mean);
            }
            double sd = Math.sqrt(ss / trainEnd);
            switch (e.kind()) {
                case BROKEN_CORRELATION -> {
                    double x = rnd.nextGaussian();
                    for (int t = e.start(); t < e.end(); t++) {
                        x = phi * x + innovation * rnd.nextGaussian();
                        v[t] = mean + sd * x;
                    }
                }
                case STUCK_SENSOR -> Arrays.fill(v, e.start(), e.end(), v[e.start()]);
                case DRIFT -> {
                    for (int t = e.start(); t < e.end(); t++) {
                        v[t] += e.magnitude() * sd * (t - e.start() + 1.0) / e.length();
                    }
                }
                case SPIKE -> {
                    double sign = rnd.nextBoolean() ? 1 : -1;
                    for (int t = e.start(); t < e.end(); t++) {
                        v[t] += sign * e.magnitude() * sd;
                    }
                }
                default -> throw new IllegalStateException(e.kind().toString());
            }
        }

        long[] time = new long[n];
        long p = period.toMillis();
        long t0 = start.toEpochMilli();
        for (int t = 0; t < n; t++) {
            time[t] = t0 + t * p;
        }
        TimeFrame.Builder b = TimeFrame.builder(time).samplingPeriod(period).source("generated machine (seed " + seed + ")");
        for (int i = 0; i < signals; i++) {
            b.column(names[i], values[i]);
        }
        double[] label = new double[n];
        for (SystemFault e : events) {
            if (e.anomalous()) {
                Arrays.fill(label, e.start(), e.end(), 1);
            }
        }
        String labelColumn = "label";
        b.column(labelColumn, label);
        return new SystemData(b.build(), Arrays.asList(names), labelColumn, RowSet.range(0, trainEnd), events);
    }
}
