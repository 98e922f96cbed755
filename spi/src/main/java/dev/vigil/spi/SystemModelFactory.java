package dev.vigil.spi;

import java.util.Map;

/**
 * Fits and restores {@link SystemModel system models}: the models of system-driven detection (Azure
 * Multivariate Anomaly Detector, Amazon Lookout for Equipment, TIM's system-driven mode), which judge
 * a machine's signals together, with no KPI. Vigil's are the Extended Isolation Forest ({@code eif},
 * TIM's choice), MSET ({@code mset}), PCA with Hotelling's T² and the Q statistic ({@code pca}) and a
 * cross-regression of each signal on the others ({@code cross-regression}) in {@code vigil-system};
 * docs/system-driven.md describes them. Another model plugs in by implementing this
 * interface and listing it in {@code META-INF/services/dev.vigil.spi.SystemModelFactory}; it is then
 * chosen by name like the built-ins.
 *
 * <p>Stateless and thread-safe. No method accepts or returns null.
 */
public interface SystemModelFactory extends Plugin {

    /**
     * Every parameter the factory knows, with its default (JSON-compatible values; {@code "auto"} where
     * the fit decides from the data), in a stable order.
     */
    Map<String, Object> defaultParameters();

    /**
     * Checks parameters without fitting: every name must be one of {@link #defaultParameters()} and
     * every value of the right type and range. Checks that need the data (a value against the number of
     * signals) are left to {@link #fit}.
     *
     * @throws VigilException {@link ErrorCode#INVALID_CONFIGURATION} listing every problem; an unknown
     *     name with the nearest known one ({@code "'numberOfTres'; did you mean 'numberOfTrees'?"})
     */
    void checkParameters(Map<String, Object> parameters);

    /**
     * Fits a model on the problem's fit rows; explains every automatic decision in {@code
     * problem.log()}.
     *
     * @throws VigilException {@link ErrorCode#INVALID_CONFIGURATION} for bad parameters, {@link
     *     ErrorCode#INSUFFICIENT_DATA} when the fit rows cannot support a model
     */
    SystemModel fit(SystemProblem problem);

    /**
     * Rebuilds a model from {@link SystemModel#state()}.
     *
     * @param plugins finds the plugins the model builds on, if any
     * @throws VigilException {@link ErrorCode#BAD_MODEL} when the state is not one this factory wrote
     */
    SystemModel restore(Map<String, Object> state, PluginLookup plugins);
}
