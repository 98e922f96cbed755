package dev.vigil.evaluation;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.detection.ProgressListener;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import java.util.Optional;

/**
 * A hold-out run: a model built on the first rows of a data set and applied to the rest, never
 * having seen them; scored against the labels when the detector names a label column.
 *
 * <pre>{@code
 * HoldOut h = HoldOut.run(AnomalyDetector.builder().kpi("Output").label("label"), raw, 2.0 / 3, ProgressListener.NONE);
 * h.errorMeasures();   // AUC and confusion matrix of the last third
 * }</pre>
 *
 * @param built the model and its results on the in-sample rows
 * @param detected its results on the held-out rows
 * @param detectedRows the held-out rows: the last rows of the data set, as read
 */
public record HoldOut(BuildResult built, DetectionResult detected, RowSelection detectedRows) {
    public HoldOut {
        requireNonNull(built, "built is null");
        requireNonNull(detected, "detected is null");
        requireNonNull(detectedRows, "detectedRows is null");
    }

    /**
     * Builds on the first {@code inSampleShare} of the rows of {@code raw} (rounded to whole rows) and
     * detects on the rest. Progress: building takes the first 80 %, its stages prefixed {@code
     * "Building: "}, detecting the rest, prefixed {@code "Detecting: "}.
     *
     * @param detector the detector's settings and plugins; its row selection is replaced by the first rows
     * @param raw the data as read
     * @param inSampleShare strictly between 0 and 1
     * @throws VigilException if either part would have no row
     */
    public static HoldOut run(AnomalyDetector.Builder detector, TimeFrame raw, double inSampleShare, ProgressListener progress) {
        long inSample = Math.round(raw.rows() * inSampleShare);
        if (!(inSampleShare > 0 && inSampleShare < 1) || inSample < 1 || inSample >= raw.rows()) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "Cannot hold out " + (1 - inSampleShare) + " of the " + raw.rows()
                    + " rows of " + raw.source() + ": the model needs at least one row to learn from and one to detect on");
        }
        RowSelection rest = RowSelection.last(raw.rows() - inSample, RowUnit.Sample);
        BuildResult built = detector.rows(RowSelection.first(inSample, RowUnit.Sample)).build()
                .build(raw, (stage, f) -> progress.progress("Building: " + stage, 0.8 * f));
        DetectionResult found = built.model().detect(raw, rest, (stage, f) -> progress.progress("Detecting: " + stage, 0.8 + 0.2 * f));
        return new HoldOut(built, found, rest);
    }

    /** TIM's error measures on the held-out rows, when they have labels. */
    public Optional<ErrorMeasures> errorMeasures() {
        return ErrorMeasures.of(detected);
    }
}
