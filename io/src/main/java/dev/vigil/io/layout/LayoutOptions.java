package dev.vigil.io.layout;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.time.Duration;
import java.util.Optional;

/**
 * How a data set laid out in several files is read and aligned into one frame (docs/file-formats.md#data-layouts).
 * Alignment and filling follow Azure Multivariate Anomaly Detector's {@code alignPolicy} and its open-source
 * code: timestamps of all signals joined ({@link AlignMode#Outer}) or intersected ({@link AlignMode#Inner}),
 * columns sorted by name, missing values filled. They apply to the layouts only; a single file is read as it is.
 *
 * @param kind which layout the files follow; {@link Kind#AUTO} tells it from the files
 * @param alignMode how the signals' timestamps are joined (Azure's default, {@code Outer})
 * @param fillMethod how missing values are filled after alignment (Azure's default, {@code Linear})
 * @param paddingValue the value {@link FillMethod#Fixed} writes; required with it, else {@code NaN}
 * @param leftover what becomes of a value no fill reaches (a signal without any value): {@link
 *     Leftover#Missing} by default, {@link Leftover#Zero} as Azure does
 * @param roundTo if not {@code null}, every timestamp is first rounded to the nearest multiple of this
 *     period since 1970-01-01T00:00Z (half up), so that signals sampled at slightly different instants align
 * @param componentDelimiter for component files side by side in one folder ({@code pump_2021.csv}), the
 *     character ending the component's name: one of space, {@code .}, {@code _}, {@code -} (Lookout's
 *     {@code KeyPattern}); {@code null}: {@code .}, so that {@code pump.csv} is component {@code pump}
 * @param schema if not {@code null}, the components and sensors to read (Lookout's {@code InlineDataSchema})
 * @param lenient count rather than refuse what is wrong within a file (cells that are not numbers, rows
 *     whose timestamp does not parse) and leave out (listing them) files that cannot be read, as Lookout's
 *     ingestion does: for inspecting data, never for a job
 */
public record LayoutOptions(Kind kind, AlignMode alignMode, FillMethod fillMethod, double paddingValue, Leftover leftover,
        Duration roundTo, Character componentDelimiter, DatasetSchema schema, boolean lenient) {

    /** Tell the layout from the files; Outer, Linear, missing left missing; no rounding; strict. */
    public static final LayoutOptions DEFAULT =
            new LayoutOptions(Kind.AUTO, AlignMode.Outer, FillMethod.Linear, Double.NaN, Leftover.Missing, null, null, null, false);

    /** The layouts of a data set. */
    public enum Kind {
        /** Tell the layout from the files (docs/file-formats.md#data-layouts). */
        AUTO,
        /** One file, one table (not a layout of several files). */
        FILE,
        /** Azure's MultiTable: a folder or zip of {@code <variable>.csv} files, each {@code timestamp,value}. */
        PER_VARIABLE,
        /** Lookout's component folders: {@code <component>/*.csv}, each file {@code Timestamp} then sensor columns. */
        COMPONENTS
    }

    /** Azure's {@code alignMode}. */
    public enum AlignMode {
        /** Only the timestamps every signal has. */
        Inner,
        /** Every timestamp any signal has; missing where a signal has none. */
        Outer
    }

    /** Azure's {@code fillNAMethod}, with Azure's open-source semantics; and {@code None}. */
    public enum FillMethod {
        /** Linear interpolation between the values around a gap, by row position (as pandas' {@code interpolate}); the first and last value reach the ends. */
        Linear,
        /** The previous value (forward fill), then the next one for the rows before the first value. */
        Previous,
        /** The next value (backward fill), then the previous one for the rows after the last value. */
        Subsequent,
        /** Zero. */
        Zero,
        /** The padding value. */
        Fixed,
        /** Nothing filled: gaps are left for Vigil's own imputation (a Vigil addition). */
        None
    }

    /** What becomes of a value no fill reaches. */
    public enum Leftover {
        /** It stays missing, and a warning names the signal (Vigil's default). */
        Missing,
        /** It becomes 0, as Azure does. */
        Zero
    }

    public LayoutOptions {
        requireNonNull(kind, "kind is null");
        requireNonNull(alignMode, "alignMode is null");
        requireNonNull(fillMethod, "fillMethod is null");
        requireNonNull(leftover, "leftover is null");
        if (fillMethod == FillMethod.Fixed && !Double.isFinite(paddingValue)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "fillNAMethod Fixed needs a paddingValue, a finite number"
                    + (Double.isNaN(paddingValue) ? "" : "; got " + paddingValue));
        }
        if (roundTo != null && (roundTo.isNegative() || roundTo.isZero() || roundTo.toMillis() == 0)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "roundTo must be a positive period of at least 1 ms; got " + roundTo);
        }
        if (componentDelimiter != null && " ._-".indexOf(componentDelimiter) < 0) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "The component delimiter '" + componentDelimiter
                    + "' is not one of Lookout's: space, '.', '_' or '-'");
        }
    }

    /** A copy for the given layout. */
    public LayoutOptions withKind(Kind newKind) {
        return new LayoutOptions(newKind, alignMode, fillMethod, paddingValue, leftover, roundTo, componentDelimiter, schema, lenient);
    }

    /** A copy aligning in the given mode. */
    public LayoutOptions withAlignMode(AlignMode mode) {
        return new LayoutOptions(kind, mode, fillMethod, paddingValue, leftover, roundTo, componentDelimiter, schema, lenient);
    }

    /** A copy filling with the given method ({@link FillMethod#Fixed}: use {@link #withFixedFill}). */
    public LayoutOptions withFillMethod(FillMethod method) {
        return new LayoutOptions(kind, alignMode, method, method == FillMethod.Fixed ? paddingValue : Double.NaN, leftover, roundTo,
                componentDelimiter, schema, lenient);
    }

    /** A copy filling every missing value with {@code padding} (Azure's {@code Fixed} with {@code paddingValue}). */
    public LayoutOptions withFixedFill(double padding) {
        return new LayoutOptions(kind, alignMode, FillMethod.Fixed, padding, leftover, roundTo, componentDelimiter, schema, lenient);
    }

    /** A copy with the given leftover policy. */
    public LayoutOptions withLeftover(Leftover policy) {
        return new LayoutOptions(kind, alignMode, fillMethod, paddingValue, policy, roundTo, componentDelimiter, schema, lenient);
    }

    /** A copy rounding timestamps to multiples of {@code period} ({@code null}: not rounded). */
    public LayoutOptions withRoundTo(Duration period) {
        return new LayoutOptions(kind, alignMode, fillMethod, paddingValue, leftover, period, componentDelimiter, schema, lenient);
    }

    /** A copy with the given component delimiter ({@code null}: {@code .}). */
    public LayoutOptions withComponentDelimiter(Character delimiter) {
        return new LayoutOptions(kind, alignMode, fillMethod, paddingValue, leftover, roundTo, delimiter, schema, lenient);
    }

    /** A copy reading only what the schema lists ({@code null}: everything). */
    public LayoutOptions withSchema(DatasetSchema newSchema) {
        return new LayoutOptions(kind, alignMode, fillMethod, paddingValue, leftover, roundTo, componentDelimiter, newSchema, lenient);
    }

    /** A copy counting rather than refusing bad cells and files (for inspection). */
    public LayoutOptions withLenient(boolean newLenient) {
        return new LayoutOptions(kind, alignMode, fillMethod, paddingValue, leftover, roundTo, componentDelimiter, schema, newLenient);
    }

    /** The rounding period, if any. */
    public Optional<Duration> rounding() {
        return Optional.ofNullable(roundTo);
    }

    /** The schema, if any. */
    public Optional<DatasetSchema> datasetSchema() {
        return Optional.ofNullable(schema);
    }

    /** The component delimiter in effect: the one given, else {@code .}. */
    public char delimiter() {
        return componentDelimiter == null ? '.' : componentDelimiter;
    }
}
