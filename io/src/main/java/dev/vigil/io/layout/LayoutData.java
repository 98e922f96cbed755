package dev.vigil.io.layout;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.quality.QualityInput;
import dev.vigil.spi.frame.TimeFrame;
import java.util.List;

/**
 * A data set as read: the aligned frame, its signals and what the data-quality report needs.
 *
 * @param kind the layout it was read in ({@link LayoutOptions.Kind#FILE} for one file)
 * @param frame the data: for a layout, aligned and filled, columns sorted by name (Azure's rule); for a
 *     file, as read, in file order
 * @param signals the frame's columns as signals, in column order
 * @param dropped columns left out because they do not hold numbers
 * @param quality the tables as read and the files, for {@link dev.vigil.core.quality.DataQuality#assess}
 */
public record LayoutData(LayoutOptions.Kind kind, TimeFrame frame, List<SignalId> signals, List<String> dropped, QualityInput quality) {
    public LayoutData {
        requireNonNull(kind, "kind is null");
        requireNonNull(frame, "frame is null");
        signals = List.copyOf(requireNonNull(signals, "signals is null"));
        dropped = List.copyOf(requireNonNull(dropped, "dropped is null"));
        requireNonNull(quality, "quality is null");
        if (signals.size() != frame.columnCount()) {
            throw new IllegalArgumentException(signals.size() + " signals for " + frame.columnCount() + " columns");
        }
    }
}
