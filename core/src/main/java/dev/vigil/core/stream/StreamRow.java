package dev.vigil.core.stream;

import dev.vigil.spi.NormalBehaviorDecomposition;
import java.time.Instant;
import java.util.List;

/**
 * One answered row of a {@link DetectionStream}: what the row of batch detection's results table
 * holds ({@code model_index}, {@code kpi}, {@code normal_behavior}, {@code anomaly_code}, one indicator
 * per perspective), and on demand the row's normal behaviour split into contributions, for its causes.
 *
 * <p>The stream hands the same instance to every answer, filled anew: read it during the call of
 * {@link DetectionStream.Listener#row}, never keep it (copy what you need). Not thread-safe.
 */
public final class StreamRow {
    private final DetectionStream stream;
    private final List<String> perspectives;
    private final List<String> indicatorColumns;
    long time;
    int modelIndex;
    double kpi;
    double normalBehavior;
    int anomalyCode;
    final double[] indicators;
    /** Whether this answer was held back for its code: its split was taken when it was computed. */
    private boolean held;
    private NormalBehaviorDecomposition heldParts;

    StreamRow(DetectionStream stream, List<String> perspectives, List<String> indicatorColumns) {
        this.stream = stream;
        this.perspectives = List.copyOf(perspectives);
        this.indicatorColumns = List.copyOf(indicatorColumns);
        this.indicators = new double[perspectives.size()];
    }

    /** Timestamp, epoch milliseconds. */
    public long time() {
        return time;
    }

    /** Timestamp. */
    public Instant instant() {
        return Instant.ofEpochMilli(time);
    }

    /** The model index (1-based). */
    public int modelIndex() {
        return modelIndex;
    }

    /** The KPI (after imputation, as batch has it). */
    public double kpi() {
        return kpi;
    }

    /** The normal behaviour, {@code NaN} where not calculated. */
    public double normalBehavior() {
        return normalBehavior;
    }

    /** TIM's anomaly code: 0 or 1 with every indicator calculated, 2 or 3 with one missing; 1 and 3 mean anomalous. */
    public int anomalyCode() {
        return anomalyCode;
    }

    /** Whether the row is anomalous (anomaly code 1 or 3). */
    public boolean anomalous() {
        return anomalyCode == 1 || anomalyCode == 3;
    }

    /** The perspectives, in the order of {@link #indicator}. */
    public List<String> perspectives() {
        return perspectives;
    }

    /** The results table's column of each perspective's indicator ({@code anomaly_indicator_<name>}). */
    public List<String> indicatorColumns() {
        return indicatorColumns;
    }

    /** The {@code k}-th perspective's anomaly indicator, {@code NaN} where not calculated. */
    public double indicator(int k) {
        return indicators[k];
    }

    /**
     * This row's normal behaviour split into contributions (a decomposition of one row), for the causes
     * of an anomaly (vigil-rca's {@code RowCauses}); {@code null} for a model that is not additive.
     * Allocates: ask for anomalous rows only, during the listener's call.
     */
    public NormalBehaviorDecomposition decomposition() {
        return held ? heldParts : stream.decomposition();
    }

    /** Marks this answer as held back, with the split taken when it was computed; {@code null} parts for a model that is not additive. */
    void held(NormalBehaviorDecomposition parts) {
        held = true;
        heldParts = parts;
    }

    /** Marks this answer as the stream's newest row. */
    void current() {
        held = false;
        heldParts = null;
    }
}
