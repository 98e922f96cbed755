package dev.vigil.spi;

import java.util.Map;
import java.util.function.Function;

/**
 * Fits and restores {@link NormalBehaviorModel normal-behaviour models}. Vigil's default is a sparse
 * regression on candidate features selected by orthogonal forward selection (docs/models.md#the-normal-behaviour-model); another regression plugs in by implementing this interface and listing it
 * in {@code META-INF/services/dev.vigil.spi.NormalBehaviorModelFactory}. Stateless and
 * thread-safe.
 */
public interface NormalBehaviorModelFactory extends Plugin {

    /** Fits a model; explains every automatic decision in {@code problem.log()}. */
    NormalBehaviorModel fit(NormalBehaviorProblem problem);

    /**
     * Refits a model on other rows (the second pass leaves out the rows a first pass flagged as
     * anomalous), keeping what can be kept of its structure. The default fits anew.
     */
    default NormalBehaviorModel refit(NormalBehaviorModel fitted, NormalBehaviorProblem problem) {
        return fit(problem);
    }

    /**
     * Rebuilds a model from {@link NormalBehaviorModel#state()}.
     *
     * @param generators resolves a feature generator by name
     * @throws dev.vigil.spi.VigilException {@link dev.vigil.spi.ErrorCode#BAD_MODEL} when the state is
     *     not one this factory wrote
     */
    NormalBehaviorModel restore(Map<String, Object> state, Function<String, FeatureGenerator> generators);
}
