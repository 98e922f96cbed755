package dev.vigil.core.anomaly;

import dev.vigil.core.StateReader;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.PerspectiveWindow;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.AnomalousBehaviorSettings;
import dev.vigil.spi.settings.DetectionInterval;
import dev.vigil.spi.settings.DomainSpecific;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The anomalous-behaviour model: one {@link Submodel} per detection perspective, turning residuals
 * into anomaly indicators, and the {@link DecisionRule} that turns indicators into TIM's {@code anomaly_code}
 * (docs/models.md#anomaly-code). Immutable and thread-safe.
 */
public final class AnomalousBehaviorModel {
    /** Column-name prefix of the indicators. */
    public static final String INDICATOR_PREFIX = "anomaly_indicator_";
    private static final String ORIGIN = "AnomalousBehavior";
    /** Fewest in-sample values a submodel is fitted on. */
    static final int MIN_VALUES = 10;

    private final List<Submodel> submodels;
    private final List<DetectionPerspective> perspectives;
    private final DetectionCalendar calendar;
    private final DecisionRule decisionRule;

    private AnomalousBehaviorModel(List<Submodel> submodels, List<DetectionPerspective> perspectives, List<DetectionInterval> intervals,
            DecisionRule decisionRule) {
        this.submodels = List.copyOf(submodels);
        this.perspectives = List.copyOf(perspectives);
        this.calendar = new DetectionCalendar(intervals);
        this.decisionRule = decisionRule;
    }

    /**
     * How this model turns indicators into flagged rows: {@link DecisionRule#DEFAULT} for models fitted
     * now; {@link DecisionRule#POINTWISE} (TIM's) for model files written before the rule was stored, so
     * they detect what they always did.
     */
    public DecisionRule decisionRule() {
        return decisionRule;
    }

    /** What one submodel is, for people and JSON reports. */
    public record PerspectiveSummary(String perspective, int window, int recentWindow, int components, double sensitivity,
            double threshold, int rows) {
    }

    /**
     * Fits a submodel per perspective on the in-sample rows (those in detection whose perspective
     * value exists).
     *
     * @param residuals kpi − normal behaviour, every row of the frame
     * @param perspectives resolves a perspective by name
     */
    public static AnomalousBehaviorModel fit(double[] residuals, TimeFrame frame, RowSet inSample, List<DomainSpecific> domainSpecifics,
            AnomalousBehaviorSettings settings, Function<String, DetectionPerspective> perspectives, JobLog log) {
        return fit(residuals, frame, inSample, domainSpecifics, settings, perspectives, null, log);
    }

    /**
     * A copy with every submodel refitted on new rows, each density's EM starting from the current
     * one (see {@link Submodel#refit}): TIM's rebuild type {@code AnomalousBehaviorModel}, at a
     * fraction of the cost of a fresh fit when the data change little, e.g. a rebuild on the rows seen
     * so far each time new ones arrive. The windows and perspectives stay; each perspective's
     * sensitivity follows {@code domainSpecifics}.
     */
    public AnomalousBehaviorModel refit(double[] residuals, TimeFrame frame, RowSet rows, List<DomainSpecific> domainSpecifics,
            AnomalousBehaviorSettings settings, JobLog log) {
        if (!domainSpecifics.stream().map(DomainSpecific::perspective).toList().equals(perspectives())) {
            throw new IllegalArgumentException("a refit keeps the model's perspectives " + perspectives() + "; got " + domainSpecifics);
        }
        return fit(residuals, frame, rows, domainSpecifics, settings, name -> perspectives.get(perspectives().indexOf(name)), this, log);
    }

    private static AnomalousBehaviorModel fit(double[] residuals, TimeFrame frame, RowSet inSample, List<DomainSpecific> domainSpecifics,
            AnomalousBehaviorSettings settings, Function<String, DetectionPerspective> perspectives, AnomalousBehaviorModel previous,
            JobLog log) {
        boolean[] detect = new DetectionCalendar(settings.detectionIntervals()).inDetection(frame);
        Duration period = Duration.ofMillis(frame.samplingPeriodMillis());
        int[] rows = inSample.toArray();
        List<DetectionPerspective> ps = domainSpecifics.stream().map(d -> perspectives.apply(d.perspective())).toList();
        // the perspectives are independent: fit them side by side, log them in order
        Submodel[] subs = new Submodel[ps.size()];
        String[] messages = new String[ps.size()];
        List<List<String>> warnings = new ArrayList<>();
        ps.forEach(p -> warnings.add(new ArrayList<>()));
        java.util.stream.IntStream.range(0, ps.size()).parallel().forEach(k -> {
            DomainSpecific ds = domainSpecifics.get(k);
            DetectionPerspective p = ps.get(k);
            Submodel old = previous == null ? null : previous.submodels.get(previous.perspectives().indexOf(ds.perspective()));
            PerspectiveWindow window = old != null ? old.window() : p.defaultWindow(period);
            double[] in = inSample(transform(p, residuals, window), rows, detect);
            int n = in.length;
            if (n < MIN_VALUES) {
                throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "The " + ds.perspective() + " perspective has only " + n
                        + " in-sample values (its window needs " + window.length() + " consecutive residuals" + (settings.detectionIntervals().isEmpty()
                                ? "" : " in detection intervals") + "); it needs at least " + MIN_VALUES + ". Select more in-sample rows");
            }
            long t0 = System.nanoTime();
            String[] evidence = {""};
            Submodel s = old != null ? Submodel.refit(old, in, ds, settings.maxModelComplexity(), warnings.get(k)::add, e -> evidence[0] = e)
                    : Submodel.fit(ds.perspective(), window, in, ds, settings.maxModelComplexity(), warnings.get(k)::add, e -> evidence[0] = e);
            long fitNanos = System.nanoTime() - t0;
            subs[k] = s;
            messages[k] = String.format(Locale.ROOT, "%s (window %d%s): a %d-component density %s %,d in-sample values; "
                    + "sensitivity %.3g %% (%s%s): %d in-sample rows above the threshold (%.3f s).", ds.perspective(), window.length(),
                    window.recent() > 0 ? ", recent " + window.recent() : "", s.density().components(), old != null ? "refitted to" : "of", n,
                    s.sensitivity(),
                    ds.sensitivity().isPresent() ? "given" : String.format(Locale.ROOT, "detected automatically between %s %% and %s %%",
                            fmt(ds.minSensitivity()), fmt(ds.maxSensitivity())),
                    evidence[0].isEmpty() ? "" : "; " + evidence[0], Math.round(s.sensitivity() * n / 100), fitNanos / 1e9);
        });
        for (int k = 0; k < messages.length; k++) {
            log.info(ORIGIN, messages[k]);
            warnings.get(k).forEach(w -> log.warning(ORIGIN, w));
        }
        return new AnomalousBehaviorModel(List.of(subs), ps, settings.detectionIntervals(), previous == null ? DecisionRule.DEFAULT
                : previous.decisionRule);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static double[] transform(DetectionPerspective p, double[] residuals, PerspectiveWindow window) {
        double[] out = new double[residuals.length];
        try {
            p.transform(residuals, window, out);
        } catch (VigilException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VigilException(ErrorCode.PLUGIN_FAILURE, "Perspective " + p.name() + " failed: " + e, e);
        }
        return out;
    }

    /** Perspective names, in order. */
    public List<String> perspectives() {
        return submodels.stream().map(Submodel::perspective).toList();
    }

    /** The indicator column of each perspective: {@code anomaly_indicator_<name in lower case>}. */
    public List<String> indicatorColumns() {
        return perspectives().stream().map(AnomalousBehaviorModel::indicatorColumn).toList();
    }

    /** {@code anomaly_indicator_<name in lower case>}. */
    public static String indicatorColumn(String perspective) {
        return INDICATOR_PREFIX + perspective.toLowerCase(Locale.ROOT);
    }

    /**
     * The indicators of every row, one array per perspective: {@code NaN} where not calculated
     * (incomplete window, no residual, outside detection intervals).
     */
    public double[][] indicators(double[] residuals, TimeFrame frame) {
        boolean[] detect = calendar.inDetection(frame);
        double[][] out = new double[submodels.size()][];
        for (int k = 0; k < out.length; k++) {
            Submodel s = submodels.get(k);
            double[] v = transform(perspectives.get(k), residuals, s.window());
            for (int r = 0; r < v.length; r++) {
                v[r] = detect[r] ? s.indicator(v[r]) : Double.NaN;
            }
            out[k] = v;
        }
        return out;
    }

    /**
     * TIM's {@code anomaly_code} of every row (docs/models.md#anomaly-code): with every indicator calculated, 1 if
     * one exceeds 1, else 0; with one or more not calculated, 3 if a calculated one exceeds 1, else 2. Each
     * row on its own: {@link DecisionRule#POINTWISE}.
     */
    public static double[] codes(double[][] indicators, int rows) {
        return codes(indicators, rows, DecisionRule.POINTWISE);
    }

    /**
     * The {@code anomaly_code} of every row with the rows flagged by a {@link DecisionRule}: 1 (3 when an
     * indicator was not calculated) for a flagged row, else 0 (2). Without the submodels' threshold
     * surprisals, the rule's rarities ask nothing; {@link #decide} applies this model's rule in full.
     */
    public static double[] codes(double[][] indicators, int rows, DecisionRule rule) {
        double[] unknown = new double[indicators.length];
        Arrays.fill(unknown, Double.POSITIVE_INFINITY);
        return codes(indicators, rows, rule, unknown);
    }

    /**
     * The {@code anomaly_code} of every row as this model decides it: its {@link #decisionRule()}, with
     * each row's rarity from its submodels' tails, as a stream's {@link #rowDecision()} decides.
     *
     * @param indicators each perspective's indicators, from {@link #indicators}
     */
    public double[] decide(double[][] indicators, int rows) {
        double[] thresholdSurprisals = new double[submodels.size()];
        for (int k = 0; k < thresholdSurprisals.length; k++) {
            thresholdSurprisals[k] = submodels.get(k).thresholdSurprisal();
        }
        return codes(indicators, rows, decisionRule, thresholdSurprisals);
    }

    private static double[] codes(double[][] indicators, int rows, DecisionRule rule, double[] thresholdSurprisals) {
        double[] largest = new double[rows];
        double[] surprisal = new double[rows];
        boolean[] all = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            boolean every = true;
            double max = Double.NaN;
            double rarest = 0;
            for (int k = 0; k < indicators.length; k++) {
                double v = indicators[k][r];
                if (Double.isNaN(v)) {
                    every = false;
                } else if (!(v <= max)) {
                    max = v;
                }
                rarest = rarest(rarest, v, thresholdSurprisals[k]);
            }
            largest[r] = max;
            surprisal[r] = rarest;
            all[r] = every;
        }
        boolean[] flagged = rule.flag(largest, surprisal);
        double[] codes = new double[rows];
        for (int r = 0; r < rows; r++) {
            codes[r] = code(all[r], flagged[r]);
        }
        return codes;
    }

    /**
     * A row's largest surprisal so far, with one more perspective's indicator: an indicator above 1
     * is a value of surprisal {@code indicator · thresholdSurprisal} ({@link Submodel#thresholdSurprisal}).
     */
    static double rarest(double sofar, double indicator, double thresholdSurprisal) {
        return indicator > 1 ? Math.max(sofar, indicator * thresholdSurprisal) : sofar;
    }

    /** The anomaly code of a row: whether every indicator is calculated, and whether one exceeds 1. */
    static int code(boolean allCalculated, boolean anyAbove) {
        return allCalculated ? (anyAbove ? 1 : 0) : (anyAbove ? 3 : 2);
    }

    /**
     * The decision step of a stream (docs/streaming.md): the perspectives' values of one row
     * turned into indicators and anomaly codes, as {@link #indicators} and {@link #codes} with this
     * model's {@link #decisionRule()} turn every row's, to the bit; detection intervals read each
     * row's local time in the data's zone.
     */
    public RowDecision rowDecision() {
        return new RowDecision(submodels, calendar, decisionRule);
    }

    /** The perspective of the {@code k}-th submodel (in the order of {@link #perspectives()}). */
    public DetectionPerspective perspective(int k) {
        return perspectives.get(k);
    }

    /** The window the {@code k}-th perspective uses. */
    public PerspectiveWindow window(int k) {
        return submodels.get(k).window();
    }

    /** One line per submodel. */
    public List<PerspectiveSummary> summary() {
        return submodels.stream().map(s -> new PerspectiveSummary(s.perspective(), s.window().length(), s.window().recent(),
                s.density().components(), s.sensitivity(), s.threshold(), s.rows())).toList();
    }

    /** The model as JSON-compatible values; {@link #restore} rebuilds it. */
    public Map<String, Object> state() {
        List<Object> subs = new ArrayList<>();
        for (Submodel s : submodels) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("perspective", s.perspective());
            m.put("window", s.window().length());
            m.put("recentWindow", s.window().recent());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("n", s.density().components());
            d.put("w", box(s.density().weights()));
            d.put("mu", box(s.density().means()));
            d.put("sigma2", box(s.density().variances()));
            m.put("probabilityDistribution", d);
            m.put("translation", s.translation());
            m.put("threshold", s.threshold());
            m.put("detectedSensitivity", s.sensitivity());
            m.put("rows", s.rows());
            m.put("cut", s.window().cut());
            if (s.tail() != null) {
                Map<String, Object> tail = new LinkedHashMap<>();
                tail.put("scores", box(s.tail().scores()));
                List<Integer> counts = new ArrayList<>();
                for (int c : s.tail().counts()) {
                    counts.add(c);
                }
                tail.put("counts", counts);
                m.put("tail", tail);
            }
            subs.add(m);
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("submodels", subs);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("bridge", decisionRule.bridge());
        rule.put("minRows", decisionRule.minRows());
        rule.put("shortPeak", decisionRule.shortPeak());
        if (decisionRule.shortRarity() < 1 || decisionRule.longRarity() < 1) {
            rule.put("shortRarity", decisionRule.shortRarity());
            rule.put("longRarity", decisionRule.longRarity());
        }
        state.put("decisionRule", rule);
        return state;
    }

    /**
     * Rebuilds a model from {@link #state()}.
     *
     * @param intervals the detection intervals of the model's settings
     */
    public static AnomalousBehaviorModel restore(Map<String, Object> state, Function<String, DetectionPerspective> perspectives,
            List<DetectionInterval> intervals) {
        StateReader s = StateReader.of(state, "model.anomalousBehaviorModel");
        List<Submodel> subs = new ArrayList<>();
        List<DetectionPerspective> ps = new ArrayList<>();
        for (StateReader m : s.maps("submodels")) {
            StateReader d = m.map("probabilityDistribution");
            GaussianMixture density;
            PerspectiveWindow window;
            try {
                density = new GaussianMixture(d.doubles("w"), d.doubles("mu"), d.doubles("sigma2"));
                window = new PerspectiveWindow(m.integer("window"), m.integer("recentWindow"));
            } catch (IllegalArgumentException e) {
                throw m.error("probabilityDistribution", "is invalid: " + e.getMessage());
            }
            int rows = m.integer("rows");
            TailCalibration tail = null;
            if (m.has("tail")) {
                StateReader t = m.map("tail");
                double[] counts = t.doubles("counts");
                int[] c = new int[counts.length];
                for (int i = 0; i < c.length; i++) {
                    c[i] = (int) counts[i];
                    if (c[i] != counts[i]) {
                        throw t.error("counts", "holds " + counts[i] + ", not a whole number");
                    }
                }
                try {
                    tail = new TailCalibration(t.doubles("scores"), c, rows);
                } catch (IllegalArgumentException e) {
                    throw m.error("tail", "is invalid: " + e.getMessage());
                }
            }
            String name = m.string("perspective");
            ps.add(perspectives.apply(name));
            subs.add(new Submodel(name, window, density, m.number("translation"), m.number("threshold"),
                    m.number("detectedSensitivity"), rows, tail));
        }
        if (subs.isEmpty()) {
            throw s.error("submodels", "is empty");
        }
        DecisionRule rule = DecisionRule.POINTWISE; // files from before the rule was stored detect as they always did
        if (s.has("decisionRule")) {
            StateReader r = s.map("decisionRule");
            try {
                rule = new DecisionRule(r.integer("bridge"), r.integer("minRows"), r.number("shortPeak"),
                        r.has("shortRarity") ? r.number("shortRarity") : 1, r.has("longRarity") ? r.number("longRarity") : 1);
            } catch (IllegalArgumentException e) {
                throw s.error("decisionRule", "is invalid: " + e.getMessage());
            }
        }
        return new AnomalousBehaviorModel(subs, ps, intervals, rule);
    }

    /**
     * A copy with every threshold recomputed on new residuals for (possibly new) sensitivities, the
     * densities kept: TIM's rebuild type {@code DomainSpecifics}.
     */
    public AnomalousBehaviorModel withThresholds(double[] residuals, TimeFrame frame, RowSet rows, List<DomainSpecific> domainSpecifics,
            JobLog log) {
        boolean[] detect = calendar.inDetection(frame);
        List<Submodel> subs = new ArrayList<>();
        int[] picked = rows.toArray();
        for (int k = 0; k < submodels.size(); k++) {
            Submodel old = submodels.get(k);
            DomainSpecific ds = domainSpecifics.stream().filter(d -> d.perspective().equals(old.perspective())).findFirst()
                    .orElseThrow(() -> new VigilException(ErrorCode.INVALID_CONFIGURATION, "domainSpecifics must list the model's perspective "
                            + old.perspective() + " to rebuild its thresholds; the model's perspectives: " + String.join(", ", perspectives())));
            double[] in = inSample(transform(perspectives.get(k), residuals, old.window()), picked, detect);
            int n = in.length;
            if (n < MIN_VALUES) {
                throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "The " + old.perspective() + " perspective has only " + n
                        + " values in the rows to rebuild on; it needs at least " + MIN_VALUES);
            }
            List<String> warnings = new ArrayList<>();
            String[] evidence = {""};
            Submodel refreshed = Submodel.withThreshold(old, in, ds, warnings::add, e -> evidence[0] = e);
            subs.add(refreshed);
            log.info(ORIGIN, String.format(Locale.ROOT, "%s: threshold recomputed on %,d values; sensitivity %.3g %%%s.", old.perspective(),
                    n, refreshed.sensitivity(), evidence[0].isEmpty() ? "" : " (" + evidence[0] + ")"));
            warnings.forEach(w -> log.warning(ORIGIN, w));
        }
        return new AnomalousBehaviorModel(subs, perspectives, intervalsOf(), decisionRule);
    }

    private List<DetectionInterval> intervalsOf() {
        return calendar.intervals();
    }

    private static List<Double> box(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(d);
        }
        return out;
    }

    /** The finite perspective values of the given rows that lie in detection intervals, in row order. */
    private static double[] inSample(double[] v, int[] rows, boolean[] detect) {
        double[] values = new double[rows.length];
        int n = 0;
        for (int r : rows) {
            if (detect[r] && Double.isFinite(v[r])) {
                values[n++] = v[r];
            }
        }
        return Arrays.copyOf(values, n);
    }
}
