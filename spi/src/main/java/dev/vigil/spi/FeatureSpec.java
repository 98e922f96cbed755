package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The serialisable description of one feature, as stored in a model file (TIM's term "part"):
 * the generator that made it, the predictor it reads and its numeric parameters, e.g.
 * {@code {type: "ExponentialMovingAverage", predictor: "Pressure", parameters: {window: 30, offset: -1}}}.
 * The generator named by {@code type} turns it back into a {@link Feature} with {@link
 * FeatureGenerator#restore(FeatureSpec)}.
 *
 * @param type name of the generator
 * @param predictor column the feature reads, or {@code null} for calendar features
 * @param parameters numeric parameters in a stable order (copied, unmodifiable)
 */
public record FeatureSpec(String type, String predictor, Map<String, Double> parameters) {
    public FeatureSpec {
        requireNonNull(type, "type is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(parameters, "parameters is null")));
    }

    /**
     * A parameter's value.
     *
     * @throws VigilException {@link ErrorCode#BAD_MODEL} when absent (a corrupted model file)
     */
    public double parameter(String name) {
        Double v = parameters.get(name);
        if (v == null || v.isNaN()) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Feature " + type + (predictor == null ? "" : " of " + predictor)
                    + " lacks parameter '" + name + "'; the model file is corrupted");
        }
        return v;
    }

    /** A parameter that must be a whole number. */
    public int intParameter(String name) {
        double v = parameter(name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Feature " + type + " parameter '" + name
                    + "' must be a whole number, got " + v + "; the model file is corrupted");
        }
        return (int) v;
    }

    /** The predictor, failing with a clear message for specs that need one. */
    public String requirePredictor() {
        if (predictor == null) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Feature " + type + " lacks its predictor; the model file is corrupted");
        }
        return predictor;
    }
}
