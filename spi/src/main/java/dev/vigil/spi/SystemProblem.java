package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Everything a {@link SystemModelFactory} needs to fit a model of a machine's normal behaviour from
 * many signals at once, with no KPI.
 *
 * @param frame prepared data: strictly increasing timestamps, the signals as columns ({@code NaN} for
 *     a missing value), and the rows before the fit rows that a model with history reads
 * @param signals the columns to model, at least one, no name twice; every one must be in {@code frame}
 * @param fitRows the rows whose behaviour is normal by definition: the model learns from them (rows
 *     where a signal is missing may be skipped; the factory logs how many)
 * @param parameters the factory's parameters by name (JSON-compatible values: numbers, strings,
 *     booleans, lists); absent names take their defaults ({@link SystemModelFactory#defaultParameters()})
 *     and unknown names are refused. Copied; never modified
 * @param seed the seed of every random choice the fit makes: the same problem and seed give the same
 *     model, bit for bit, whatever the number of threads
 * @param plugins finds the other plugins a factory builds on (feature generators, normal-behaviour
 *     model factories)
 * @param log where every automatic decision is written, with its reason
 * @param progress receives the fraction of the fit done, from 0 to 1 (may be called from any thread)
 */
public record SystemProblem(
        TimeFrame frame,
        List<String> signals,
        RowSet fitRows,
        Map<String, Object> parameters,
        long seed,
        PluginLookup plugins,
        JobLog log,
        DoubleConsumer progress) {

    public SystemProblem {
        requireNonNull(frame, "frame is null");
        signals = List.copyOf(requireNonNull(signals, "signals is null"));
        requireNonNull(fitRows, "fitRows is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(parameters, "parameters is null")));
        requireNonNull(plugins, "plugins is null");
        requireNonNull(log, "log is null");
        requireNonNull(progress, "progress is null");
        if (signals.isEmpty()) {
            throw new IllegalArgumentException("signals is empty");
        }
        if (signals.stream().distinct().count() != signals.size()) {
            throw new IllegalArgumentException("signals lists a name twice: " + signals);
        }
        Names.requireColumns(frame.source(), signalRoles(signals), frame.columnNames());
    }

    /** A problem without progress reports. */
    public SystemProblem(TimeFrame frame, List<String> signals, RowSet fitRows, Map<String, Object> parameters, long seed,
            PluginLookup plugins, JobLog log) {
        this(frame, signals, fitRows, parameters, seed, plugins, log, fraction -> { });
    }

    /** The same problem with other parameters. */
    public SystemProblem withParameters(Map<String, Object> newParameters) {
        return new SystemProblem(frame, signals, fitRows, newParameters, seed, plugins, log, progress);
    }

    /** The same problem with another seed. */
    public SystemProblem withSeed(long newSeed) {
        return new SystemProblem(frame, signals, fitRows, parameters, newSeed, plugins, log, progress);
    }

    private static Map<String, String> signalRoles(List<String> signals) {
        Map<String, String> roles = new LinkedHashMap<>();
        signals.forEach(s -> roles.put(s, "signal column"));
        return roles;
    }
}
