package dev.vigil.evaluation.nab;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.nio.file.Path;

/**
 * The fields of one line of NAB's simple CSV files (no separators inside fields; surrounding
 * spaces and double quotes are dropped), located without copying: the reader of hundreds of
 * thousands of score rows only cuts out what it keeps. Reused from line to line; not thread-safe.
 */
final class CsvLine {
    private final int[] start;
    private final int[] end;
    private String line;

    CsvLine(int fields) {
        start = new int[fields];
        end = new int[fields];
    }

    /** Splits a line, which must have exactly as many fields as this was made for. */
    CsvLine of(String text, Path file, int lineNo) {
        line = text;
        int n = 0;
        int from = 0;
        while (true) {
            int comma = text.indexOf(',', from);
            int to = comma < 0 ? text.length() : comma;
            if (n < start.length) {
                trim(n, from, to);
            }
            n++;
            if (comma < 0) {
                break;
            }
            from = comma + 1;
        }
        if (n != start.length) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, file + " line " + lineNo + " has " + n + " fields but the header has "
                    + start.length);
        }
        return this;
    }

    private void trim(int k, int from, int to) {
        while (from < to && line.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && line.charAt(to - 1) <= ' ') {
            to--;
        }
        if (to - from >= 2 && line.charAt(from) == '"' && line.charAt(to - 1) == '"') {
            from++;
            to--;
        }
        start[k] = from;
        end[k] = to;
    }

    /** Number of fields. */
    int size() {
        return start.length;
    }

    /** A field's text. */
    String field(int k) {
        return line.substring(start[k], end[k]);
    }

    /** Whether a field's text equals {@code s}, without copying it. */
    boolean fieldEquals(int k, String s) {
        return end[k] - start[k] == s.length() && line.regionMatches(start[k], s, 0, s.length());
    }

    /** A field parsed as a NAB timestamp, or {@link NabTimestamps#INVALID}. */
    long timestamp(int k) {
        return NabTimestamps.parse(line, start[k], end[k]);
    }
}
