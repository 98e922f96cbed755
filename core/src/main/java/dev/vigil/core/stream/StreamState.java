package dev.vigil.core.stream;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.NormalBehaviorDecomposition;
import java.util.List;

/**
 * Everything a {@link DetectionStream} holds between rows, as plain values: what a snapshot stores
 * (vigil-io writes it as versioned JSON) and {@link DetectionStream#restore} resumes from, giving the
 * same answers as the stream that was never interrupted. The model itself is not part of it, only its
 * {@code fingerprint}: restore with the model the snapshot was taken with.
 *
 * @param version {@link #VERSION}
 * @param fingerprint identifies the model (see {@link DetectionStream#fingerprint})
 * @param columns the stream's input columns, KPI first
 * @param zone the zone of local times
 * @param samplingPeriodMillis the grid's step
 * @param origin the first row's timestamp (the grid's origin); meaningless before the first row
 * @param lastTime the newest row's timestamp taken in
 * @param accepted rows taken in (rows of input, not gap rows)
 * @param skipped late or duplicate rows skipped (policy {@link DetectionStream.LateRows#SKIP})
 * @param rows the last input rows, after imputation
 * @param residuals the last residuals
 * @param imputation the rows waiting for imputation and each column's run of missing values
 * @param normalBehavior the normal-behaviour evaluator's state
 * @param perspectives each perspective evaluator's state
 * @param decision the decision rule's state (empty in version 1: no rows waiting for a decision)
 * @param held the answers held until the decision rule decides their codes (none in version 1)
 */
public record StreamState(int version, String fingerprint, List<String> columns, String zone, long samplingPeriodMillis, long origin,
        long lastTime, long accepted, long skipped, Ring rows, Ring residuals, Waiting imputation, double[] normalBehavior,
        List<double[]> perspectives, double[] decision, Held held) {
    /**
     * The version of this layout: 2 since the decision rule may hold answers back (version 1, from
     * before, is read as a state with none held).
     */
    public static final int VERSION = 2;

    public StreamState {
        requireNonNull(fingerprint, "fingerprint is null");
        columns = List.copyOf(columns);
        requireNonNull(zone, "zone is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(residuals, "residuals is null");
        requireNonNull(imputation, "imputation is null");
        requireNonNull(normalBehavior, "normalBehavior is null");
        perspectives = List.copyOf(perspectives);
        requireNonNull(decision, "decision is null");
        if (held == null) {
            held = Held.NONE;
        }
    }

    /**
     * The last rows of a ring buffer, oldest first.
     *
     * @param count rows taken in so far (the ring holds the last of them)
     * @param times their timestamps
     * @param values row after row, one value per column
     */
    public record Ring(long count, long[] times, double[] values) {
        public Ring {
            requireNonNull(times, "times is null");
            requireNonNull(values, "values is null");
        }
    }

    /**
     * The imputation's state: rows waiting and, per column, the run of missing values in progress.
     *
     * @param count grid rows taken in so far
     * @param times the waiting rows' timestamps, oldest first
     * @param values their values, row after row
     * @param status per column: 0 no run, 1 a run that may be filled, 2 a run that stays missing
     * @param runStart per column, the grid row the run began at
     * @param runLength per column, the run's length so far
     * @param last per column, the last value
     * @param lastTime per column, its timestamp
     */
    public record Waiting(long count, long[] times, double[] values, int[] status, long[] runStart, long[] runLength, double[] last,
            long[] lastTime) {
        public Waiting {
            requireNonNull(times, "times is null");
            requireNonNull(values, "values is null");
            requireNonNull(status, "status is null");
            requireNonNull(runStart, "runStart is null");
            requireNonNull(runLength, "runLength is null");
            requireNonNull(last, "last is null");
            requireNonNull(lastTime, "lastTime is null");
        }
    }

    /**
     * Answers held until their anomaly codes are decided, oldest first.
     *
     * @param times timestamps
     * @param modelIndex model indexes
     * @param kpi KPI values
     * @param normalBehavior normal behaviour
     * @param indicators each row's indicators, row after row
     * @param codes anomaly codes, -1 where not decided yet
     * @param answered whether each row is to be answered (false for a row without a KPI value)
     * @param parts each row's normal behaviour split, for its causes
     */
    public record Held(long[] times, int[] modelIndex, double[] kpi, double[] normalBehavior, double[] indicators, int[] codes,
            boolean[] answered, List<Parts> parts) {
        /** No answers held. */
        public static final Held NONE = new Held(new long[0], new int[0], new double[0], new double[0], new double[0], new int[0],
                new boolean[0], List.of());

        public Held {
            requireNonNull(times, "times is null");
            requireNonNull(modelIndex, "modelIndex is null");
            requireNonNull(kpi, "kpi is null");
            requireNonNull(normalBehavior, "normalBehavior is null");
            requireNonNull(indicators, "indicators is null");
            requireNonNull(codes, "codes is null");
            requireNonNull(answered, "answered is null");
            parts = List.copyOf(parts);
        }
    }

    /**
     * One row's normal behaviour split into contributions (see {@link NormalBehaviorDecomposition});
     * no contributors where the model is not additive.
     *
     * @param contributors the contributors' names
     * @param modelIndex the row's model index
     * @param normalBehavior its normal behaviour
     * @param contributions one per contributor
     * @param typical each contributor's typical value for the row's model; empty where it has none
     * @param typicalNormalBehavior the typical normal behaviour of the row's model
     */
    public record Parts(List<String> contributors, int modelIndex, double normalBehavior, double[] contributions, double[] typical,
            double typicalNormalBehavior) {
        public Parts {
            contributors = List.copyOf(contributors);
            requireNonNull(contributions, "contributions is null");
            requireNonNull(typical, "typical is null");
            if (contributions.length != contributors.size() || (typical.length != 0 && typical.length != contributors.size())) {
                throw new IllegalArgumentException("one contribution (and typical value) per contributor");
            }
        }

        /** The parts of a one-row decomposition; no contributors for {@code null}. */
        static Parts of(NormalBehaviorDecomposition d) {
            if (d == null) {
                return new Parts(List.of(), 0, Double.NaN, new double[0], new double[0], Double.NaN);
            }
            double[] c = new double[d.contributors().size()];
            double[] typical = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = d.contributions()[i][0];
                typical[i] = d.typical(i, 0);
            }
            int m = d.modelIndex()[0];
            boolean withTypical = m >= 0 && m < d.typicalByModel().length && d.typicalByModel()[m] != null;
            return new Parts(d.contributors(), m, d.normalBehavior()[0], c, withTypical ? typical : new double[0], d.typicalNormalBehavior(0));
        }

        /** Back to a one-row decomposition; {@code null} without contributors. */
        NormalBehaviorDecomposition decomposition() {
            if (contributors.isEmpty()) {
                return null;
            }
            double[][] c = new double[contributions.length][];
            for (int i = 0; i < c.length; i++) {
                c[i] = new double[] {contributions[i]};
            }
            int size = Math.max(0, modelIndex + 1);
            double[][] typicalByModel = new double[size][];
            double[] typicalNb = new double[size];
            java.util.Arrays.fill(typicalNb, Double.NaN);
            if (typical.length > 0 && modelIndex >= 0) {
                typicalByModel[modelIndex] = typical.clone();
                typicalNb[modelIndex] = typicalNormalBehavior;
            }
            return new NormalBehaviorDecomposition(contributors, new int[] {modelIndex}, new double[] {normalBehavior}, c, typicalByModel,
                    typicalNb);
        }
    }
}
