package dev.vigil.testing;

import dev.vigil.spi.frame.TimeFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of KPI-driven data with labelled anomalies, for tests, benchmarks and plugin
 * authors. The same settings and seed give the same data on every JVM ({@link Random}'s algorithm is
 * specified).
 *
 * <p>Influencers {@code x1…xk} are smooth AR(1) processes; the KPI is
 *
 * <pre>
 *   kpi_t = 10 + 2·x1(t − lag) + 1.5·EMA_w(x2)(t) + x3(t) + x4(t)/2 + x5(t)/3 + … + A·sin(2π·timeOfDay/1 day) + ε_t
 * </pre>
 *
 * (an exponential moving average has α = 2/(w+1)) with Gaussian noise ε of standard deviation
 * {@code noise}; distractor columns are AR(1) processes the KPI ignores. Variations of that structure
 * ({@link #smaWindow}: x3 through a simple moving average; {@link #noiseAutocorrelation}: AR(1) noise, so
 * the KPI has dynamics of its own; {@link #noiseTails}: Student-t noise) keep the draws of the plain
 * structure when left at their defaults, so a seed gives the same data as before they existed. Anomalies
 * are then injected in the chosen part of the data, at least {@code max(30, length)} rows apart, and
 * marked 1 in the {@code label} column:
 *
 * <ul>
 *   <li>spikes: one row off by {@code spikeSize}·noise (random sign);
 *   <li>level shifts: {@code shiftLength} rows (or a length drawn from {@link #shiftLengths}) offset by
 *       {@code shiftSize}·noise;
 *   <li>variance bursts: {@code burstLength} rows (or a length drawn from {@link #burstLengths}) whose
 *       noise is {@code burstFactor} times larger;
 *   <li>influencer faults: x3 (the last influencer if there are fewer) drifts away and back over
 *       {@code shiftLength} rows, peaking at 3·{@code shiftSize}·noise, and the KPI follows it through
 *       its normal relation.
 * </ul>
 *
 * Not thread-safe; build one generator per thread.
 */
public final class KpiDataGenerator {
    private int rows = 10_000;
    private Duration period = Duration.ofMinutes(5);
    private Instant start = Instant.parse("2024-01-01T00:00:00Z");
    private long seed = 42;
    private int influencers = 3;
    private int distractors = 2;
    private int lag = 5;
    private int emaWindow = 8;
    private double noise = 0.5;
    private double dailyAmplitude = 3;
    private int spikes;
    private int levelShifts;
    private int varianceBursts;
    private int influencerFaults;
    private double spikeSize = 8;
    private double shiftSize = 4;
    private int shiftLength = 60;
    private double burstFactor = 5;
    private int burstLength = 60;
    private double anomaliesFrom = 0;
    private double anomaliesTo = 1;
    private int smaWindow;
    private double noisePhi;
    private double noiseDf;
    private int shiftMax;
    private int burstMax;

    private KpiDataGenerator() {
    }

    /** A generator with the defaults: 10,000 rows of 5-minute data, 3 influencers, 2 distractors, no anomalies. */
    public static KpiDataGenerator create() {
        return new KpiDataGenerator();
    }

    /** Number of rows. */
    public KpiDataGenerator rows(int value) {
        if (value < 10) {
            throw new IllegalArgumentException("rows must be at least 10");
        }
        this.rows = value;
        return this;
    }

    /** Sampling period. */
    public KpiDataGenerator period(Duration value) {
        this.period = value;
        return this;
    }

    /** First timestamp. */
    public KpiDataGenerator start(Instant value) {
        this.start = value;
        return this;
    }

    /** Random seed. */
    public KpiDataGenerator seed(long value) {
        this.seed = value;
        return this;
    }

    /** Number of influencers the KPI depends on (1 to 8). */
    public KpiDataGenerator influencers(int value) {
        if (value < 1 || value > 8) {
            throw new IllegalArgumentException("influencers must be between 1 and 8");
        }
        this.influencers = value;
        return this;
    }

    /** Number of columns the KPI ignores. */
    public KpiDataGenerator distractors(int value) {
        this.distractors = value;
        return this;
    }

    /** Lag, in samples, at which x1 drives the KPI. */
    public KpiDataGenerator lag(int value) {
        this.lag = value;
        return this;
    }

    /** Window of the exponential moving average of x2 that drives the KPI. */
    public KpiDataGenerator emaWindow(int value) {
        this.emaWindow = value;
        return this;
    }

    /** Standard deviation of the KPI noise. */
    public KpiDataGenerator noise(double value) {
        this.noise = value;
        return this;
    }

    /** Amplitude of the daily sine in the KPI (0 for none). */
    public KpiDataGenerator dailyAmplitude(double value) {
        this.dailyAmplitude = value;
        return this;
    }

    /** Number of spikes, level shifts, variance bursts and influencer faults to inject. */
    public KpiDataGenerator anomalies(int spikeCount, int shiftCount, int burstCount, int faultCount) {
        this.spikes = spikeCount;
        this.levelShifts = shiftCount;
        this.varianceBursts = burstCount;
        this.influencerFaults = faultCount;
        return this;
    }

    /** Size of spikes and level shifts, in noise standard deviations. */
    public KpiDataGenerator sizes(double spike, double shift) {
        this.spikeSize = spike;
        this.shiftSize = shift;
        return this;
    }

    /** Length in rows of level shifts (and influencer faults) and of variance bursts, and the burst factor. */
    public KpiDataGenerator lengths(int shiftRows, int burstRows, double factor) {
        this.shiftLength = shiftRows;
        this.burstLength = burstRows;
        this.burstFactor = factor;
        return this;
    }

    /**
     * Level shifts (and influencer faults) of random lengths, each drawn uniformly from {@code min} to
     * {@code max} rows (inclusive), instead of one fixed length.
     */
    public KpiDataGenerator shiftLengths(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("need 1 <= min <= max, got " + min + " and " + max);
        }
        this.shiftLength = min;
        this.shiftMax = max;
        return this;
    }

    /** Variance bursts of random lengths, each drawn uniformly from {@code min} to {@code max} rows (inclusive). */
    public KpiDataGenerator burstLengths(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("need 1 <= min <= max, got " + min + " and " + max);
        }
        this.burstLength = min;
        this.burstMax = max;
        return this;
    }

    /**
     * x3 enters the KPI through its simple moving average over {@code window} samples instead of its
     * current value (0, the default: its current value). Needs at least 3 influencers to matter.
     */
    public KpiDataGenerator smaWindow(int window) {
        if (window < 0) {
            throw new IllegalArgumentException("window must not be negative");
        }
        this.smaWindow = window;
        return this;
    }

    /**
     * Autocorrelated noise: ε is an AR(1) process with coefficient {@code phi} (0 ≤ φ &lt; 1) and the same
     * standard deviation {@code noise}, so the KPI has dynamics of its own that its influencers do not
     * explain (0, the default: white noise).
     */
    public KpiDataGenerator noiseAutocorrelation(double phi) {
        if (!(phi >= 0 && phi < 1)) {
            throw new IllegalArgumentException("phi must be in [0, 1), got " + phi);
        }
        this.noisePhi = phi;
        return this;
    }

    /**
     * Heavy-tailed noise: Student-t with {@code degreesOfFreedom} (&gt; 2), scaled to the standard
     * deviation {@code noise} (0, the default: Gaussian).
     */
    public KpiDataGenerator noiseTails(double degreesOfFreedom) {
        if (degreesOfFreedom != 0 && !(degreesOfFreedom > 2)) {
            throw new IllegalArgumentException("degrees of freedom must exceed 2 (or be 0 for Gaussian noise), got " + degreesOfFreedom);
        }
        this.noiseDf = degreesOfFreedom;
        return this;
    }

    /** The part of the data, as fractions of the rows, where anomalies are placed (e.g. 2/3 to 1). */
    public KpiDataGenerator anomaliesBetween(double fromFraction, double toFraction) {
        if (fromFraction < 0 || toFraction > 1 || fromFraction >= toFraction) {
            throw new IllegalArgumentException("need 0 <= from < to <= 1");
        }
        this.anomaliesFrom = fromFraction;
        this.anomaliesTo = toFraction;
        return this;
    }

    /** Generates the data. */
    public GeneratedData generate() {
        Random random = new Random(seed);
        long step = period.toMillis();
        long t0 = start.toEpochMilli();
        long[] time = new long[rows];
        for (int i = 0; i < rows; i++) {
            time[i] = t0 + i * step;
        }
        double[][] x = new double[influencers][];
        for (int k = 0; k < influencers; k++) {
            x[k] = ar1(random, 0.98 - 0.02 * k, 1.0, 5.0 * (k + 1));
        }
        double[][] d = new double[distractors][];
        for (int k = 0; k < distractors; k++) {
            d[k] = ar1(random, 0.97, 1.0, 3.0);
        }
        double[] eps = new double[rows];
        for (int i = 0; i < rows; i++) {
            eps[i] = noiseDf > 0 ? studentT(random) * noise : random.nextGaussian() * noise;
        }
        if (noisePhi > 0) { // AR(1) with the same marginal standard deviation
            double scale = Math.sqrt(1 - noisePhi * noisePhi);
            double e = eps[0];
            for (int i = 1; i < rows; i++) {
                e = noisePhi * e + scale * eps[i];
                eps[i] = e;
            }
        }

        List<InjectedAnomaly> anomalies = place(random);
        for (InjectedAnomaly a : anomalies) {
            if (a.kind() == InjectedAnomaly.Kind.INFLUENCER_FAULT) {
                double[] faulty = x[faultyInfluencer()];
                for (int r = a.start(); r < a.end(); r++) {
                    double phase = (double) (r - a.start()) / a.length();
                    faulty[r] += a.magnitude() * noise * Math.sin(Math.PI * phase) * 3;
                }
            }
        }

        double[][] contributions = new double[influencers][];
        for (int k = 0; k < influencers; k++) {
            contributions[k] = contribution(k, x[k]);
        }
        double[] kpi = new double[rows];
        double[] daily = new double[rows];
        for (int i = 0; i < rows; i++) {
            double timeOfDay = Math.floorMod(time[i], 86_400_000L) / 86_400_000.0;
            daily[i] = dailyAmplitude * Math.sin(2 * Math.PI * timeOfDay);
            double v = 10 + daily[i];
            for (int k = 0; k < influencers; k++) {
                v += contributions[k][i];
            }
            kpi[i] = v;
        }
        double[] label = new double[rows];
        for (InjectedAnomaly a : anomalies) {
            for (int r = a.start(); r < a.end(); r++) {
                label[r] = 1;
                switch (a.kind()) {
                    case SPIKE -> kpi[r] += a.magnitude() * noise;
                    case LEVEL_SHIFT -> kpi[r] += a.magnitude() * noise;
                    case VARIANCE_BURST -> eps[r] *= a.magnitude();
                    case INFLUENCER_FAULT -> { }
                }
            }
        }
        for (int i = 0; i < rows; i++) {
            kpi[i] += eps[i];
        }

        TimeFrame.Builder b = TimeFrame.builder(time).source("generated(seed=" + seed + ")");
        b.column("kpi", kpi);
        List<String> influencerNames = new ArrayList<>();
        Map<String, Double> contributionSd = new LinkedHashMap<>();
        for (int k = 0; k < influencers; k++) {
            String name = "x" + (k + 1);
            influencerNames.add(name);
            b.column(name, x[k]);
            contributionSd.put(name, sd(contributions[k], warmUp()));
        }
        List<String> distractorNames = new ArrayList<>();
        for (int k = 0; k < distractors; k++) {
            String name = "noise" + (k + 1);
            distractorNames.add(name);
            b.column(name, d[k]);
        }
        b.column("label", label);
        return new GeneratedData(b.build(), "kpi", influencerNames, distractorNames, "label", anomalies, noise, contributionSd);
    }

    /** Index (0-based) of the influencer that influencer faults act on: x3, or the last one. */
    public int faultyInfluencer() {
        return Math.min(2, influencers - 1);
    }

    /** Rows at the start without a full lag/EMA/SMA history. */
    public int warmUp() {
        return Math.max(Math.max(lag, 13 * emaWindow), smaWindow);
    }

    /** A Student-t draw with {@link #noiseDf} degrees of freedom, scaled to unit variance. */
    private double studentT(Random random) {
        double chi2 = 0;
        int whole = (int) Math.floor(noiseDf);
        for (int i = 0; i < whole; i++) {
            double g = random.nextGaussian();
            chi2 += g * g;
        }
        double t = random.nextGaussian() / Math.sqrt(chi2 / whole);
        return t / Math.sqrt(whole / (whole - 2.0));
    }

    /** The true contribution of influencer k: its term of the KPI formula. */
    private double[] contribution(int k, double[] xk) {
        double[] c = new double[rows];
        switch (k) {
            case 0 -> {
                for (int i = 0; i < rows; i++) {
                    c[i] = 2 * xk[Math.max(0, i - lag)];
                }
            }
            case 1 -> {
                double alpha = 2.0 / (emaWindow + 1);
                double ema = xk[0];
                for (int i = 0; i < rows; i++) {
                    ema = i == 0 ? xk[0] : alpha * xk[i] + (1 - alpha) * ema;
                    c[i] = 1.5 * ema;
                }
            }
            default -> {
                double weight = 1.0 / (k - 1);
                if (k == 2 && smaWindow > 1) {
                    double sum = 0; // of the last smaWindow values
                    for (int i = 0; i < rows; i++) {
                        sum += xk[i] - (i >= smaWindow ? xk[i - smaWindow] : 0);
                        c[i] = weight * (i >= smaWindow - 1 ? sum / smaWindow : xk[i]); // before a full window: the current value
                    }
                } else {
                    for (int i = 0; i < rows; i++) {
                        c[i] = weight * xk[i];
                    }
                }
            }
        }
        return c;
    }

    private double[] ar1(Random random, double phi, double sd, double mean) {
        double[] v = new double[rows];
        double innovation = sd * Math.sqrt(1 - phi * phi);
        double s = random.nextGaussian() * sd;
        for (int i = 0; i < rows; i++) {
            s = phi * s + innovation * random.nextGaussian();
            v[i] = mean + s;
        }
        return v;
    }

    /** Places the anomalies at random, at least {@code max(30, length)} rows apart, in the chosen part. */
    private List<InjectedAnomaly> place(Random random) {
        int from = Math.max(warmUp(), (int) (anomaliesFrom * rows));
        int to = (int) (anomaliesTo * rows);
        List<InjectedAnomaly> out = new ArrayList<>();
        boolean[] taken = new boolean[rows];
        addEach(out, taken, random, from, to, spikes, InjectedAnomaly.Kind.SPIKE, 1, 0, spikeSize);
        addEach(out, taken, random, from, to, levelShifts, InjectedAnomaly.Kind.LEVEL_SHIFT, shiftLength, shiftMax, shiftSize);
        addEach(out, taken, random, from, to, varianceBursts, InjectedAnomaly.Kind.VARIANCE_BURST, burstLength, burstMax, burstFactor);
        addEach(out, taken, random, from, to, influencerFaults, InjectedAnomaly.Kind.INFLUENCER_FAULT, shiftLength, shiftMax, shiftSize);
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    /** Places {@code count} anomalies of {@code length} rows, or of lengths drawn from {@code length..maxLength} when that is longer. */
    private static void addEach(List<InjectedAnomaly> out, boolean[] taken, Random random, int from, int to, int count,
            InjectedAnomaly.Kind kind, int fixedLength, int maxLength, double size) {
        for (int n = 0; n < count; n++) {
            int length = maxLength > fixedLength ? fixedLength + random.nextInt(maxLength - fixedLength + 1) : fixedLength;
            int margin = Math.max(30, length);
            for (int attempt = 0; ; attempt++) {
                if (attempt > 10_000) {
                    throw new IllegalStateException("cannot place " + count + " anomalies of " + length
                            + " rows in rows " + from + " to " + to + "; use more rows or fewer anomalies");
                }
                int s = from + margin + random.nextInt(Math.max(1, to - from - length - 2 * margin));
                int lo = Math.max(0, s - margin);
                int hi = Math.min(taken.length, s + length + margin);
                boolean free = true;
                for (int r = lo; r < hi && free; r++) {
                    free = !taken[r];
                }
                if (free) {
                    Arrays.fill(taken, s, s + length, true);
                    double magnitude = kind == InjectedAnomaly.Kind.SPIKE || kind == InjectedAnomaly.Kind.LEVEL_SHIFT
                            ? (random.nextBoolean() ? size : -size) : size;
                    out.add(new InjectedAnomaly(kind, s, s + length, magnitude));
                    break;
                }
            }
        }
    }

    private static double sd(double[] v, int from) {
        double mean = 0;
        int n = 0;
        for (int i = from; i < v.length; i++) {
            mean += v[i];
            n++;
        }
        mean /= n;
        double ss = 0;
        for (int i = from; i < v.length; i++) {
            ss += (v[i] - mean) * (v[i] - mean);
        }
        return Math.sqrt(ss / n);
    }
}
