package dev.vigil.features;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.VigilException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Hinges {@code max(0; knot − x(t))} and {@code max(0; x(t) − knot)} of the predictors behind the best
 * single features (at most five), with knots at the 10 %, 20 %, … 90 % quantiles of their in-sample
 * values: lets the linear model bend where the KPI responds non-linearly (TIM's PiecewiseLinear
 * part: predictor, knot, subtype, offset). Runs in the combining round.
 */
public final class PiecewiseLinear implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "PiecewiseLinear";
    private static final int MAX_PREDICTORS = 5;
    /** Fewest in-sample values of an input for its knots. */
    private static final int MIN_VALUES = 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Round round() {
        return Round.COMBINING;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        LinkedHashSet<Map.Entry<String, Integer>> inputs = new LinkedHashSet<>();
        for (Feature leader : context.leaders()) {
            for (FeatureSpec part : leader.parts()) {
                if (part.predictor() != null && part.parameters().containsKey("offset") && inputs.size() < MAX_PREDICTORS
                        && context.frame().hasColumn(part.predictor())) {
                    inputs.add(Map.entry(part.predictor(), (int) part.parameter("offset")));
                }
            }
        }
        List<Feature> out = new ArrayList<>();
        for (Map.Entry<String, Integer> input : inputs) {
            double[] sorted = Specs.sortedInSample(context, context.frame().values(input.getKey()), input.getValue());
            if (sorted.length < MIN_VALUES) {
                context.log().info(FeatureContext.LOG_ORIGIN, "Turned off PiecewiseLinear hinges of " + input.getKey() + "("
                        + Specs.at(input.getValue()) + "): " + sorted.length + " in-sample values, fewer than the " + MIN_VALUES
                        + " its decile knots need.");
                continue;
            }
            double previous = Double.NaN;
            for (int q = 1; q <= 9; q++) {
                double knot = Series.quantile(sorted, q / 10.0);
                if (knot == previous || knot <= sorted[0] || knot >= sorted[sorted.length - 1]) {
                    continue;
                }
                previous = knot;
                out.add(of(input.getKey(), input.getValue(), knot, 1));
                out.add(of(input.getKey(), input.getValue(), knot, -1));
            }
        }
        return out;
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        Specs.requireType(spec, NAME);
        int subtype = spec.intParameter("subtype");
        if (subtype != 1 && subtype != -1) {
            throw new VigilException(ErrorCode.BAD_MODEL, "PiecewiseLinear subtype " + subtype + " is not 1 or -1; the model file is corrupted");
        }
        return of(spec.requirePredictor(), Specs.offset(spec), spec.parameter("knot"), subtype);
    }

    static Feature of(String predictor, int offset, double knot, int subtype) {
        String x = predictor + "(" + Specs.at(offset) + ")";
        String label = subtype > 0 ? "max(0; " + Specs.number(knot) + " - " + x + ")" : "max(0; " + x + " - " + Specs.number(knot) + ")";
        java.util.function.DoubleUnaryOperator hinge = v -> Math.max(0, subtype * (knot - v)); // NaN stays NaN
        return new BasicFeature(label, List.of(predictor), -offset,
                Specs.spec(NAME, predictor, "knot", knot, "subtype", subtype, "offset", offset), (frame, out) -> {
                    Series.shift(frame.column(predictor), offset, out);
                    for (int i = 0; i < out.length; i++) {
                        out[i] = hinge.applyAsDouble(out[i]);
                    }
                }, Streamed.ofValue(predictor, -offset, hinge));
    }
}
