package dev.vigil.core.normal;

import dev.vigil.core.stream.Incrementals;
import dev.vigil.spi.Feature;
import dev.vigil.spi.NormalBehaviorDecomposition;
import dev.vigil.spi.stream.IncrementalFeature;
import dev.vigil.spi.stream.IncrementalNormalBehavior;
import dev.vigil.spi.stream.StreamHistory;
import dev.vigil.spi.stream.StreamLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SparseRegressionModel} applied one row at a time: every distinct feature of every model
 * takes in every row (a moving average must see each row, whichever model the row belongs to), then
 * the row's model adds its terms to its intercept in the order {@link SparseRegressionModel#predict}
 * does, so the normal behaviour is the same to the bit. Not thread-safe: one per stream.
 */
final class StreamedRegression implements IncrementalNormalBehavior {
    private final SparseRegressionModel model;
    private final IncrementalFeature[] features;
    private final double[] values;
    /** Per model index: its intercept, or NaN without a model. */
    private final double[] intercepts;
    /** Per model index, per term: the term's feature among {@link #features}. */
    private final int[][] termFeature;
    private final double[][] betas;
    private final int lags;
    /** Whether the stream reads local times in the model's zone: then the slot comes from the history's local time, without a lookup. */
    private final boolean sameZone;
    private int modelIndex;
    private double normal;
    private SparseRegressionModel.Sharing sharing;

    StreamedRegression(SparseRegressionModel model, StreamLayout layout) {
        this.model = model;
        List<Feature> distinct = model.distinctFeatures();
        Map<String, Integer> position = new HashMap<>();
        List<IncrementalFeature> evaluators = new ArrayList<>();
        int l = 0;
        for (Feature f : distinct) {
            position.put(f.label(), evaluators.size());
            IncrementalFeature e = Incrementals.feature(f, layout);
            evaluators.add(e);
            l = Math.max(l, e.lags());
        }
        this.features = evaluators.toArray(IncrementalFeature[]::new);
        this.values = new double[features.length];
        this.lags = l;
        this.sameZone = layout.zone().normalized().equals(model.zone().normalized());
        SlotModel[] bySlot = model.bySlot();
        this.intercepts = new double[bySlot.length];
        this.termFeature = new int[bySlot.length][];
        this.betas = new double[bySlot.length][];
        for (int s = 0; s < bySlot.length; s++) {
            SlotModel m = bySlot[s];
            if (m == null) {
                intercepts[s] = Double.NaN;
                continue;
            }
            intercepts[s] = m.intercept();
            termFeature[s] = m.terms().stream().mapToInt(t -> position.get(t.feature().label())).toArray();
            betas[s] = m.terms().stream().mapToDouble(Term::beta).toArray();
        }
    }

    @Override
    public int lags() {
        return lags;
    }

    @Override
    public double next(StreamHistory rows) {
        for (int f = 0; f < features.length; f++) {
            values[f] = features[f].next(rows);
        }
        int slot = !model.dailyCycle() ? 1
                : sameZone ? (int) (Math.floorMod(rows.localMillis(), TimeOfDay.DAY) / model.periodMillis()) + 1
                : TimeOfDay.slot(rows.time(), model.zone(), model.periodMillis());
        modelIndex = slot;
        int[] terms = termFeature[slot];
        if (terms == null) {
            normal = Double.NaN;
            return normal;
        }
        double[] b = betas[slot];
        double v = intercepts[slot];
        for (int j = 0; j < b.length; j++) {
            v += b[j] * values[terms[j]];
        }
        normal = v;
        return v;
    }

    @Override
    public int modelIndex() {
        return modelIndex;
    }

    /** The newest row split as {@link SparseRegressionModel#decompose} splits it, cell by cell in the same order. */
    @Override
    public NormalBehaviorDecomposition decomposition() {
        if (sharing == null) {
            sharing = model.sharing();
        }
        int k = sharing.contributors().size();
        double[][] contributions = new double[k][1];
        int slot = modelIndex;
        int[] terms = termFeature[slot];
        if (terms == null) {
            for (double[] c : contributions) {
                c[0] = Double.NaN;
            }
        } else {
            contributions[sharing.interceptIndex()][0] = intercepts[slot];
            double[] b = betas[slot];
            for (int j = 0; j < b.length; j++) {
                double f = values[terms[j]];
                int[] bs = sharing.bearerIndex()[slot][j];
                for (int c : bs) {
                    if (bs.length == 1) {
                        contributions[c][0] += b[j] * f;
                    } else {
                        contributions[c][0] += b[j] * f / bs.length;
                    }
                }
            }
        }
        return new NormalBehaviorDecomposition(sharing.contributors(), new int[] {slot}, new double[] {normal}, contributions,
                sharing.typicalByModel(), sharing.typicalNbByModel());
    }

    @Override
    public double[] state() {
        double[][] states = new double[features.length][];
        int n = 0;
        for (int f = 0; f < features.length; f++) {
            states[f] = features[f].state();
            n += 1 + states[f].length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] s : states) {
            out[at++] = s.length;
            System.arraycopy(s, 0, out, at, s.length);
            at += s.length;
        }
        return out;
    }

    @Override
    public void restore(double[] state) {
        int at = 0;
        for (IncrementalFeature f : features) {
            if (at >= state.length || state[at] < 0 || state[at] != Math.rint(state[at]) || at + 1 + state[at] > state.length) {
                throw new IllegalArgumentException("the state of " + features.length + " features is malformed at position " + at);
            }
            int n = (int) state[at];
            f.restore(java.util.Arrays.copyOfRange(state, at + 1, at + 1 + n));
            at += 1 + n;
        }
        if (at != state.length) {
            throw new IllegalArgumentException("the state of " + features.length + " features has " + (state.length - at) + " values too many");
        }
    }
}
