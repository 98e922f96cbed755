package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.frame.TimeFrame;
import java.util.List;

/**
 * What a {@link DataFormat} read from a file.
 *
 * @param frame the data
 * @param layout how the file laid out the columns that made the frame (dropped columns not counted)
 * @param dropped the file's columns that were left out because they do not hold numbers, in file order
 */
public record ReadResult(TimeFrame frame, ColumnLayout layout, List<String> dropped) {
    public ReadResult {
        requireNonNull(frame, "frame is null");
        requireNonNull(layout, "layout is null");
        dropped = List.copyOf(requireNonNull(dropped, "dropped is null"));
    }
}
