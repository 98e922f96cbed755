package dev.vigil.spi;

/**
 * The window a {@link DetectionPerspective} looks through, in samples of the regular data: the
 * value at row {@code t} uses rows {@code t - length + 1} to {@code t}; the {@code recent} last of
 * them are compared with the older ones by the "Change" perspectives (0 when unused).
 *
 * @param length samples in the window, at least 1
 * @param recent samples of the recent part, 0 ≤ recent &lt; length
 */
public record PerspectiveWindow(int length, int recent) {
    public PerspectiveWindow {
        if (length < 1) {
            throw new IllegalArgumentException("window length must be at least 1, got " + length);
        }
        if (recent < 0 || (recent >= length && length > 1)) {
            throw new IllegalArgumentException("recent part must be in [0, " + length + "), got " + recent);
        }
    }

    /** A window of {@code length} samples without a recent part. */
    public static PerspectiveWindow of(int length) {
        return new PerspectiveWindow(length, 0);
    }

    /** Rows at the start of the data without a value (TIM's {@code cut}): {@code length - 1}. */
    public int cut() {
        return length - 1;
    }
}
