package dev.vigil.tablesaw;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.detection.DetectionResult;
import dev.vigil.rca.Decomposition;
import dev.vigil.rca.Importances;
import dev.vigil.spi.NormalBehaviorSummary;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Vigil's outputs as Tablesaw {@link Table}s, with the columns and values Vigil's file writers write.
 *
 * <p>The results and decomposition tables are laid out by {@link DetectionResult#TABLE_LAYOUT}, the
 * layout the command line writes them in: {@code timestamp} (an {@code INSTANT} column) first, then the
 * value columns in the result's order, {@code model_index} and {@code anomaly_code} as {@code INTEGER}
 * columns, every other column {@code DOUBLE}; a value that was not calculated is missing. Stateless and
 * thread-safe.
 */
public final class ResultTables {
    private static final List<String> PREDICTOR_COLUMNS = NormalBehaviorSummary.PredictorImportance.COLUMNS;
    private static final List<String> FEATURE_COLUMNS = Importances.FeatureImportance.COLUMNS;

    private ResultTables() {
    }

    /**
     * TIM's results table, named {@code results}: {@code timestamp, model_index, kpi, normal_behavior,
     * anomaly_code, anomaly_indicator_<perspective>…}, missing where not calculated.
     */
    public static Table results(DetectionResult result) {
        requireNonNull(result, "result is null");
        return TableFrames.toTable(result.table(), DetectionResult.TABLE_LAYOUT, "results");
    }

    /**
     * The influencer view of a decomposition, named {@code root causes}: {@code timestamp, model_index,
     * kpi, normal_behavior, diff_normal_behavior, _<contributor>…, _diff_<contributor>…} (see {@link
     * Decomposition#table()}).
     */
    public static Table decomposition(Decomposition decomposition) {
        requireNonNull(decomposition, "decomposition is null");
        return TableFrames.toTable(decomposition.table(), DetectionResult.TABLE_LAYOUT, "root causes");
    }

    /**
     * TIM's {@code properties} table, named {@code predictor importances}: {@code name} (text), {@code
     * importance}, {@code rel_importance} (doubles), {@code dataFrom}, {@code dataTo} (integers), most
     * important first.
     */
    public static Table predictorImportances(Importances importances) {
        List<NormalBehaviorSummary.PredictorImportance> rows = importances.properties();
        String[] name = new String[rows.size()];
        double[] importance = new double[rows.size()];
        double[] relative = new double[rows.size()];
        int[] from = new int[rows.size()];
        int[] to = new int[rows.size()];
        for (int r = 0; r < name.length; r++) {
            NormalBehaviorSummary.PredictorImportance p = rows.get(r);
            name[r] = p.name();
            importance[r] = p.importance();
            relative[r] = p.relImportance();
            from[r] = p.dataFrom();
            to[r] = p.dataTo();
        }
        return Table.create("predictor importances", StringColumn.create(PREDICTOR_COLUMNS.get(0), name),
                DoubleColumn.create(PREDICTOR_COLUMNS.get(1), importance), DoubleColumn.create(PREDICTOR_COLUMNS.get(2), relative),
                IntColumn.create(PREDICTOR_COLUMNS.get(3), from), IntColumn.create(PREDICTOR_COLUMNS.get(4), to));
    }

    /**
     * TIM's {@code features} table, named {@code feature importances}: {@code model}, {@code term}
     * (integers), {@code feature} (text), {@code importance}, {@code beta} (doubles), by model and in
     * selection order.
     */
    public static Table featureImportances(Importances importances) {
        List<Importances.FeatureImportance> rows = importances.features();
        int[] model = new int[rows.size()];
        int[] term = new int[rows.size()];
        String[] feature = new String[rows.size()];
        double[] importance = new double[rows.size()];
        double[] beta = new double[rows.size()];
        for (int r = 0; r < model.length; r++) {
            Importances.FeatureImportance f = rows.get(r);
            model[r] = f.model();
            term[r] = f.term();
            feature[r] = f.feature();
            importance[r] = f.importance();
            beta[r] = f.beta();
        }
        return Table.create("feature importances", IntColumn.create(FEATURE_COLUMNS.get(0), model),
                IntColumn.create(FEATURE_COLUMNS.get(1), term), StringColumn.create(FEATURE_COLUMNS.get(2), feature),
                DoubleColumn.create(FEATURE_COLUMNS.get(3), importance), DoubleColumn.create(FEATURE_COLUMNS.get(4), beta));
    }
}
