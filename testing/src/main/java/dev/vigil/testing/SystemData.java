package dev.vigil.testing;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import java.util.List;

/**
 * A machine's signals made by {@link SystemDataGenerator}, with the truth about them.
 *
 * @param frame the signals and the label column (1 on the rows of a fault, 0 elsewhere)
 * @param signals the signal columns, in order
 * @param label the label column
 * @param training the rows to train on: clean, holding both operating modes and moves between them
 * @param events the faults and the normal changes of operating mode, in row order; all after the
 *     training rows
 */
public record SystemData(TimeFrame frame, List<String> signals, String label, RowSet training, List<SystemFault> events) {

    public SystemData {
        requireNonNull(frame, "frame is null");
        signals = List.copyOf(signals);
        requireNonNull(label, "label is null");
        requireNonNull(training, "training is null");
        events = List.copyOf(events);
    }

    /** The faults alone (the events labelled anomalous), in row order. */
    public List<SystemFault> faults() {
        return events.stream().filter(SystemFault::anomalous).toList();
    }

    /** Per row, whether it lies in a fault. */
    public boolean[] labels() {
        boolean[] l = new boolean[frame.rows()];
        for (SystemFault f : faults()) {
            for (int r = f.start(); r < f.end(); r++) {
                l[r] = true;
            }
        }
        return l;
    }

    /** The rows after the training rows, where the events are. */
    public RowSet evaluation() {
        return RowSet.range(training.last() + 1, frame.rows());
    }

    /** The signals without the label column, as a detector sees them. */
    public TimeFrame unlabelled() {
        return frame.without(List.of(label));
    }
}
