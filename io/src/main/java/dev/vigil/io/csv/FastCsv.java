package dev.vigil.io.csv;

import dev.vigil.io.TimestampFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;

/**
 * The fast path of {@link CsvReader}: a well-formed file read straight from its bytes into primitive
 * columns, numbers parsed by {@link FastDecimal} from the bytes in place, no string made for a
 * number. Several times faster than going through Tablesaw, which makes a {@code String} per
 * cell and looks its parser up in a map.
 *
 * <p>It reads what Tablesaw reads the same way (the separator, double-quoted fields that may hold
 * separators and line breaks, {@code \n} or {@code \r\n} line ends, blank lines skipped, spaces
 * around fields ignored) and gives up, returning empty, on anything else: a cell that is not a
 * number, a missing or bad timestamp, a row with the wrong number of fields, a quote inside an
 * unquoted field or an escaped one ({@code ""}) inside a quoted field, a line starting with {@code #}
 * (a comment to Tablesaw), a field longer than Tablesaw allows. {@link
 * CsvReader} then reads the file through Tablesaw, which reports the problem with its line. So the
 * fast path never decides what an error message says, and a file it accepts gives exactly the frame
 * Tablesaw would give. Not thread-safe: one per read.
 */
final class FastCsv {
    /** What the fast path read: timestamps in epoch milliseconds, and the value columns asked for. */
    record Columns(long[] times, double[][] values, int rows) {
    }

    private static final int MAX_FIELD = 1 << 16;
    private static final int BLANK = 0;
    private static final int END = -2;
    private static final int GIVE_UP = -1;
    private static final int MORE = -3;

    private final InputStream in;
    private final byte sep;
    private final int fields;
    private final int timeIndex;
    private final int[] target;
    private final TimestampFormat format;
    private final ZoneId zone;
    private final int[] starts;
    private final int[] ends;
    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean bad;
    private boolean eof;

    private FastCsv(InputStream in, char separator, int fields, int timeIndex, int[] target, TimestampFormat format, ZoneId zone) {
        this.in = in;
        this.sep = (byte) separator;
        this.fields = fields;
        this.timeIndex = timeIndex;
        this.target = target;
        this.format = format;
        this.zone = zone;
        this.starts = new int[fields];
        this.ends = new int[fields];
    }

    /**
     * Reads the rows after the header line.
     *
     * @param in the file's bytes (decompressed), from the start; not closed
     * @param target for each field of the header, the index of the value column it fills, or -1 to skip it
     * @param values how many value columns there are
     * @return the columns, or empty when the file needs Tablesaw to read it or to report a problem
     */
    static Optional<Columns> read(InputStream in, char separator, int timeIndex, int[] target, int values,
            TimestampFormat format, ZoneId zone) throws IOException {
        if (separator > 127) {
            return Optional.empty();
        }
        return new FastCsv(in, separator, target.length, timeIndex, target, format, zone).rows(values);
    }

    private Optional<Columns> rows(int valueCount) throws IOException {
        if (!skipHeader()) {
            return Optional.empty();
        }
        int capacity = 1 << 12;
        long[] times = new long[capacity];
        double[][] values = new double[valueCount][capacity];
        int rows = 0;
        while (true) {
            int record = record();
            if (record == END) {
                return Optional.of(new Columns(times, values, rows));
            }
            if (record == GIVE_UP) {
                return Optional.empty();
            }
            if (record == BLANK) {
                continue;
            }
            if (rows == capacity) {
                capacity = capacity + (capacity >> 1);
                times = Arrays.copyOf(times, capacity);
                for (int v = 0; v < valueCount; v++) {
                    values[v] = Arrays.copyOf(values[v], capacity);
                }
            }
            for (int f = 0; f < fields; f++) {
                int t = target[f];
                if (f == timeIndex) {
                    long time = time(f);
                    if (time == TimestampFormat.INVALID) {
                        return Optional.empty();
                    }
                    times[rows] = time;
                } else if (t >= 0) {
                    double v = number(f);
                    if (bad) {
                        return Optional.empty();
                    }
                    values[t][rows] = v;
                }
            }
            rows++;
        }
    }

    private long time(int f) {
        if (ends[f] == starts[f]) {
            return TimestampFormat.INVALID;
        }
        return format.parse(text(f), zone);
    }

    /** A value cell as {@link StrictNumbers} reads it, or {@link #bad} set for Tablesaw to report the cell. */
    private double number(int f) {
        if (ends[f] == starts[f]) {
            return Double.NaN;
        }
        double v = FastDecimal.parse(buf, starts[f], ends[f]);
        if (v == v) {
            return v;
        }
        try {
            return StrictNumbers.parse(text(f)); // a missing-value token, or padding FastDecimal does not take
        } catch (BadCellException e) {
            bad = true;
            return Double.NaN;
        }
    }

    private String text(int f) {
        int from = starts[f];
        int to = ends[f];
        for (int i = from; i < to; i++) {
            if (buf[i] < 0) {
                return new String(buf, from, to - from, StandardCharsets.UTF_8);
            }
        }
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1); // ASCII: a plain copy
    }

    /** Skips the first non-blank line (the header, which {@link CsvSniffer} read line by line too). */
    private boolean skipHeader() throws IOException {
        boolean content = false;
        while (true) {
            if (pos >= limit) {
                compact();
                if (!fill()) {
                    return false;
                }
            }
            byte b = buf[pos++];
            if (b == '\n' && content) {
                return true;
            }
            content |= b > ' ';
        }
    }

    /**
     * Reads one record into {@link #starts} and {@link #ends}: {@link #fields}, {@link #BLANK} for a
     * blank line, {@link #END} at the end of the file, or {@link #GIVE_UP}.
     */
    private int record() throws IOException {
        while (true) {
            int r = parseRecord(eof);
            if (r != MORE) {
                return r;
            }
            compact();
            eof = !fill();
        }
    }

    /**
     * Parses the record at {@link #pos} in one pass over its bytes; {@link #MORE} when the buffer ends
     * first (then nothing is consumed, and it is parsed again after a refill).
     */
    private int parseRecord(boolean last) {
        int i = pos;
        if (i >= limit) {
            return last ? END : MORE;
        }
        if (buf[i] == '#') {
            return GIVE_UP; // a comment line to Tablesaw
        }
        int f = 0;
        while (true) {
            while (i < limit && isBlank(buf[i])) {
                i++;
            }
            int start;
            int stop;
            boolean quoted = i < limit && buf[i] == '"';
            if (quoted) {
                int close = i + 1;
                while (close < limit && buf[close] != '"') {
                    close++; // a quoted field may hold separators and line breaks
                }
                if (close + 1 >= limit && !last) {
                    return MORE;
                }
                if (close >= limit || close + 1 < limit && buf[close + 1] == '"') {
                    return GIVE_UP; // unterminated, or an escaped quote to unescape
                }
                start = i + 1;
                stop = close;
                i = close + 1;
                while (i < limit && isBlank(buf[i])) {
                    i++;
                }
            } else {
                start = i;
                byte b;
                while (i < limit && (b = buf[i]) != sep && b != '\n' && b != '\r') {
                    if (b == '"') {
                        return GIVE_UP;
                    }
                    i++;
                }
                stop = i;
                while (stop > start && isBlank(buf[stop - 1])) {
                    stop--;
                }
            }
            if (i >= limit && !last) {
                return MORE;
            }
            if (f == fields || stop - start > MAX_FIELD) {
                return GIVE_UP;
            }
            starts[f] = start;
            ends[f] = stop;
            f++;
            if (i >= limit || buf[i] == '\n' || buf[i] == '\r') {
                if (i < limit && buf[i] == '\r') {
                    if (i + 1 >= limit && !last) {
                        return MORE;
                    }
                    if (i + 1 < limit && buf[i + 1] != '\n') {
                        return GIVE_UP; // a lone \r
                    }
                    i++;
                }
                pos = Math.min(i + 1, limit);
                if (f == 1 && start == stop && !quoted) {
                    return BLANK;
                }
                return f == fields ? f : GIVE_UP;
            }
            if (buf[i] != sep) {
                return GIVE_UP;
            }
            i++;
        }
    }

    /** Space, and tab unless it separates fields: what Tablesaw trims around a field. */
    private boolean isBlank(byte b) {
        return b == ' ' || (b == '\t' && sep != '\t');
    }

    /** Moves the unread bytes to the start of the buffer, growing it when they fill it. */
    private void compact() {
        int n = limit - pos;
        if (n == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        System.arraycopy(buf, pos, buf, 0, n);
        limit = n;
        pos = 0;
    }

    private boolean fill() throws IOException {
        int n = in.readNBytes(buf, limit, buf.length - limit);
        limit += n;
        return n > 0;
    }
}
