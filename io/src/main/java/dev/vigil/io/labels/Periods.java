package dev.vigil.io.labels;

import static java.util.Objects.requireNonNull;

import dev.vigil.io.TimestampFormat;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Separate training and evaluation periods, Lookout for Equipment's {@code TrainingDataStartTime/EndTime}
 * and {@code EvaluationDataStartTime/EndTime}: a model learns from the first and is judged on the second,
 * which must not overlap it (docs/file-formats.md#training-and-evaluation-periods).
 *
 * @param training the period a model learns from
 * @param evaluation the period it is judged on, {@code null} for none
 */
public record Periods(Period training, Period evaluation) {
    public Periods {
        requireNonNull(training, "training is null");
        if (evaluation != null && training.overlaps(evaluation)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "The training period (" + training + ") and the evaluation period ("
                    + evaluation + ") overlap; a model judged on data it learned from looks better than it is. Make them apart");
        }
    }

    /**
     * A period of time, both ends included.
     *
     * @param start its first instant, epoch milliseconds
     * @param end its last, not before the start
     */
    public record Period(long start, long end) {
        public Period {
            if (end < start) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "A period ends (" + Instant.ofEpochMilli(end) + ") before it starts ("
                        + Instant.ofEpochMilli(start) + ")");
            }
        }

        /** The period between two instants. */
        public static Period of(Instant start, Instant end) {
            return new Period(start.toEpochMilli(), end.toEpochMilli());
        }

        /** Whether the instant lies in the period. */
        public boolean contains(long time) {
            return time >= start && time <= end;
        }

        boolean overlaps(Period other) {
            return start <= other.end && other.start <= end;
        }

        /** One flag per row: true where its timestamp lies in the period. */
        public boolean[] mask(long[] times) {
            boolean[] out = new boolean[times.length];
            for (int i = 0; i < times.length; i++) {
                out[i] = contains(times[i]);
            }
            return out;
        }

        @Override
        public String toString() {
            return Instant.ofEpochMilli(start) + " to " + Instant.ofEpochMilli(end);
        }
    }

    /** The evaluation period, if any. */
    public Optional<Period> evaluationPeriod() {
        return Optional.ofNullable(evaluation);
    }

    /**
     * Reads Lookout's {@code timeranges.txt}: one timestamp per line, training start and end, then
     * (optionally) evaluation start and end; blank lines and lines starting with {@code #} are skipped.
     *
     * @param zone the zone of timestamps written without one
     * @throws VigilException naming the file, line and value of what is wrong
     */
    public static Periods read(Path file, ZoneId zone) {
        requireNonNull(zone, "zone is null");
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, file + " does not exist", e);
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        String[] what = {"the training start", "the training end", "the evaluation start", "the evaluation end"};
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (times.size() == 4) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, file + " line " + (i + 1) + ": '" + text + "' is one line too many; the file "
                        + "holds the training start and end, then the evaluation start and end, one per line");
            }
            long t = TimestampFormat.detect(text).map(f -> f.parse(text, zone)).orElse(TimestampFormat.INVALID);
            if (t == TimestampFormat.INVALID) {
                throw new VigilException(ErrorCode.BAD_TIMESTAMP, file + " line " + (i + 1) + " (" + what[times.size()] + "): '" + text + "' "
                        + TimestampFormat.explain(text));
            }
            times.add(t);
        }
        if (times.size() != 2 && times.size() != 4) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, file + " holds " + times.size() + (times.size() == 1 ? " timestamp" : " timestamps")
                    + "; it needs 2 (the training start and end) or 4 (then the evaluation start and end), one per line");
        }
        try {
            Period training = new Period(times.get(0), times.get(1));
            return new Periods(training, times.size() == 4 ? new Period(times.get(2), times.get(3)) : null);
        } catch (VigilException e) {
            throw new VigilException(e.code(), file + ": " + e.getMessage(), e);
        }
    }
}
