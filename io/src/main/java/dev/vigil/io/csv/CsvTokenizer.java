package dev.vigil.io.csv;

import dev.vigil.io.TimestampFormat;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Vigil's one CSV tokenizer: the records of a file, one at a time, straight from its bytes. Every
 * module that reads CSV reads it through this class.
 *
 * <p>What it reads: UTF-8 (a byte-order mark is skipped), gzip-compressed when the file name ends in
 * {@code .gz}; the separator ({@code ,}, {@code ;} or tab) found on the header, the first record, as
 * the one occurring most often outside quotes (a comma if none); fields in double quotes, which may
 * hold separators, line breaks and quotes written twice ({@code "say ""hi"""}); a quote inside an
 * unquoted field is kept as it is; spaces and tabs (unless tab is the separator) around fields
 * ignored; lines ending in {@code \n}, {@code \r\n} or {@code \r}; blank lines and lines starting
 * with {@code #} (comments) skipped. Line numbers count physical lines as a text editor does, from
 * 1, so a record's {@link #line()} is where it starts.
 *
 * <p>What it refuses, with a {@link VigilException} naming the file and line: a line beyond the
 * {@link CsvLimits} (fields, characters per cell, bytes), text after a closing quote, a quote left
 * open at the end of the file, and bytes that cannot be read. Its memory is bounded by the limits,
 * never by the file: it holds one record in a buffer of at most {@link CsvLimits#maxLineBytes()} bytes.
 *
 * <p>Fields are located in the buffer, not copied: {@link #number} parses a number in place (with
 * the strict rules of the data files: a plain decimal number, or a missing-value token), and only
 * {@link #field} makes a string. Not thread-safe: one per read.
 */
public final class CsvTokenizer implements Closeable {
    private static final int CHUNK = 1 << 20;
    private static final int RECORD = 1;
    private static final int MORE = 0;

    private final InputStream in;
    private final String source;
    private final CsvLimits limits;
    /** Whether records are returned as soon as their bytes arrive (a pipe, a followed file) rather than a chunk at a time. */
    private final boolean incremental;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    /** The physical line at {@link #pos}. */
    private long line = 1;
    private long recordLine;
    private byte sep;
    private int[] starts;
    private int[] ends;
    private boolean[] escaped;
    private int size;
    private List<String> header;
    private boolean invalid;

    /**
     * Tokenizes bytes, detecting the separator on the first record, which becomes the {@link #header()}.
     *
     * @param in the bytes, decompressed; closed by {@link #close()}
     * @param source the file's name, for messages
     * @throws VigilException as {@link #next()} does, for the header
     */
    CsvTokenizer(InputStream in, String source, CsvLimits limits) {
        this(in, source, limits, false);
    }

    private CsvTokenizer(InputStream in, String source, CsvLimits limits, boolean incremental) {
        this.incremental = incremental;
        this.in = Objects.requireNonNull(in, "in is null");
        this.source = Objects.requireNonNull(source, "source is null");
        this.limits = Objects.requireNonNull(limits, "limits is null");
        this.buf = new byte[Math.min(CHUNK, limits.maxLineBytes() + 2)];
        int fields = Math.min(16, limits.maxFields());
        this.starts = new int[fields];
        this.ends = new int[fields];
        this.escaped = new boolean[fields];
        try {
            fill();
            if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                pos = 3;
            }
            sep = detectSeparator();
            header = next() ? List.copyOf(fieldsAsText()) : List.of();
            for (int f = 0; f < header.size(); f++) {
                if (malformedUtf8(f)) {
                    throw new VigilException(ErrorCode.MALFORMED_DATA, source + " line " + recordLine + ", column " + (f + 1)
                            + " of the header: the name '" + header.get(f) + "' holds bytes that are not UTF-8 (" + firstMalformed(f)
                            + "); Vigil reads files as UTF-8: save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\")");
                }
            }
        } catch (IOException e) {
            closeQuietly();
            throw ioFailure(source, e);
        } catch (RuntimeException | Error e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Tokenizes bytes as they arrive, for a stream of rows (standard input, a file being appended to):
     * {@link #next()} returns a record as soon as its line has ended, reading no further, and blocks
     * while the bytes of the next line have not all arrived. The header is read here.
     *
     * @param in the bytes, uncompressed; closed by {@link #close()}
     * @param source names the input in messages ({@code "standard input"})
     */
    public static CsvTokenizer incremental(InputStream in, String source, CsvLimits limits) {
        return new CsvTokenizer(in, source, limits, true);
    }

    /** Opens a CSV file ({@code .gz}: gzip-compressed) with the {@linkplain CsvLimits#DEFAULT default limits} and reads its header. */
    public static CsvTokenizer open(Path file) {
        return open(file, CsvLimits.DEFAULT);
    }

    /**
     * Opens a CSV file ({@code .gz}: gzip-compressed) and reads its header.
     *
     * @throws VigilException {@link ErrorCode#FILE_NOT_FOUND} if it is not a readable file; as {@link #next()} for the header
     */
    public static CsvTokenizer open(Path file, CsvLimits limits) {
        return open(file, file.toString(), limits);
    }

    /**
     * Opens a CSV file as {@link #open(Path, CsvLimits)}, naming it {@code source} in messages: for a
     * file that is not on the default file system, such as an entry of a zip archive ({@code
     * "machine.zip!/temperature.csv"}).
     */
    public static CsvTokenizer open(Path file, String source, CsvLimits limits) {
        String name = Objects.requireNonNull(source, "source is null");
        if (!Files.exists(file)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, name + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, name + " is not a file");
        }
        InputStream in = null;
        try {
            in = Files.newInputStream(file);
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
        } catch (IOException e) {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw ioFailure(name, e);
        }
        return new CsvTokenizer(in, name, limits);
    }

    /** The file's name, as messages give it. */
    public String source() {
        return source;
    }

    /** The separator: {@code ','}, {@code ';'} or {@code '\t'}. */
    public char separator() {
        return (char) sep;
    }

    /** The fields of the first record (trimmed, unquoted); empty for a file without any record. */
    public List<String> header() {
        return header;
    }

    /**
     * Moves to the next record.
     *
     * @return false at the end of the file
     * @throws VigilException {@link ErrorCode#MALFORMED_DATA} naming the line for a record beyond the
     *     limits, text after a closing quote, or a quote not closed at the end of the file; {@link
     *     ErrorCode#IO_FAILURE} if the bytes cannot be read
     */
    public boolean next() {
        try {
            while (true) {
                if (!skipToContent()) {
                    size = 0;
                    return false;
                }
                if (parseRecord() == RECORD) {
                    return true;
                }
                refill();
            }
        } catch (IOException e) {
            throw ioFailure(source, e);
        }
    }

    /** The number of fields of the current record. */
    public int size() {
        return size;
    }

    /** The physical line (from 1) the current record starts on. */
    public long line() {
        return recordLine;
    }

    /** A field of the current record: trimmed, without its quotes, quotes written twice as one. */
    public String field(int i) {
        Objects.checkIndex(i, size);
        return new String(buf, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    }

    /** Whether a field of the current record is {@code text}, without making a string for ASCII text. */
    public boolean fieldEquals(int i, String text) {
        Objects.checkIndex(i, size);
        int from = starts[i];
        int n = ends[i] - from;
        if (n != text.length()) {
            return text.chars().anyMatch(c -> c > 127) && field(i).equals(text);
        }
        for (int k = 0; k < n; k++) {
            char c = text.charAt(k);
            if (c > 127) {
                return field(i).equals(text);
            }
            if (buf[from + k] != (byte) c) {
                return false;
            }
        }
        return true;
    }

    /**
     * A field as a number: a plain decimal number ({@code -12.5}, {@code 1e-3}, {@code .5}) read
     * exactly as {@link Double#parseDouble} reads it, or {@code NaN} for an empty cell or a
     * missing-value token ({@code NaN}, {@code NA}, {@code null}, …). Nothing else is guessed.
     *
     * @throws VigilException {@link ErrorCode#BAD_VALUE} naming file, line, column and value for any
     *     other text, infinities and numbers beyond the range of a double ({@code 1e400}) included
     */
    public double number(int i) {
        return number(i, null);
    }

    /**
     * A field as a number that must be there: as {@link #number}, but an empty cell or a
     * missing-value token is refused too.
     *
     * @param rule what valid values are, ending the message ({@code "NAB scores must be numbers in [0, 1]"})
     */
    public double requiredNumber(int i, String rule) {
        return number(i, Objects.requireNonNull(rule, "rule is null"));
    }

    /**
     * A field as {@link #number} reads it, except that a cell that is not a number gives {@code NaN}
     * and makes {@link #invalidCell()} true instead of being refused: for reads that count bad cells.
     */
    double numberOrInvalid(int i) {
        invalid = false;
        Objects.checkIndex(i, size);
        int from = starts[i];
        int to = ends[i];
        if (from == to) {
            return Double.NaN;
        }
        double v = FastDecimal.parse(buf, from, to);
        if (Math.abs(v) <= Double.MAX_VALUE) {
            return v;
        }
        String text = field(i);
        if (StrictNumbers.problem(text, true) != null) {
            invalid = true;
            return Double.NaN;
        }
        return StrictNumbers.value(text);
    }

    /** Whether the last {@link #numberOrInvalid} met a cell that is not a number. */
    boolean invalidCell() {
        return invalid;
    }

    /** A number; {@code rule} null: missing values allowed (NaN), else refused with the rule. */
    private double number(int i, String rule) {
        Objects.checkIndex(i, size);
        int from = starts[i];
        int to = ends[i];
        if (from < to) {
            double v = FastDecimal.parse(buf, from, to);
            if (Math.abs(v) <= Double.MAX_VALUE) {
                return v;
            }
        } else if (rule == null) {
            return Double.NaN;
        }
        String text = field(i); // a missing-value token, padding FastDecimal does not take, or a problem
        String problem = StrictNumbers.problem(text, rule == null);
        if (problem != null) {
            throw cellError(ErrorCode.BAD_VALUE, i, rule == null ? problem : problem + "; " + rule);
        }
        return StrictNumbers.value(text);
    }

    /** A field as epoch milliseconds in a format (text without a zone read in {@code zone}), or {@link TimestampFormat#INVALID}. */
    public long timestamp(int i, TimestampFormat format, ZoneId zone) {
        Objects.checkIndex(i, size);
        if (starts[i] == ends[i]) {
            return TimestampFormat.INVALID;
        }
        return format.parse(field(i), zone);
    }

    /**
     * Refuses a record that has not one field per column.
     *
     * @throws VigilException {@link ErrorCode#MALFORMED_DATA} naming the line and both counts
     */
    /**
     * Whether field {@code i} holds bytes that are not UTF-8, which {@link #field} reads as U+FFFD
     * (the replacement character): a file saved in another encoding (Latin-1, Windows-1252).
     */
    public boolean malformedUtf8(int i) {
        Objects.checkIndex(i, size);
        int from = starts[i];
        int to = ends[i];
        int k = from;
        while (k < to && buf[k] >= 0) {
            k++;
        }
        if (k == to) {
            return false; // ASCII, the common case
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(buf, from, to - from));
            return false;
        } catch (CharacterCodingException e) {
            return true;
        }
    }

    /** Where field {@code i} stops being UTF-8, for a message: {@code "byte 0xFF, the 2nd byte of the field"}. */
    String firstMalformed(int i) {
        ByteBuffer in = ByteBuffer.wrap(buf, starts[i], ends[i] - starts[i]);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        CoderResult r = decoder.decode(in, CharBuffer.allocate(ends[i] - starts[i] + 1), true);
        int at = in.position();
        if (!r.isError() || at >= ends[i]) {
            return "an incomplete character at the end";
        }
        return String.format(Locale.ROOT, "byte 0x%02X at byte %d of the field", buf[at] & 0xFF, at - starts[i] + 1);
    }

    public void requireSize(int fields) {
        if (size != fields) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, source + " line " + recordLine + " has " + size
                    + " fields but the header has " + fields + "; every row needs one field per column");
        }
    }

    /**
     * An error about a field of the current record: {@code <file> line <n>, column '<name>': '<value>' <problem>}.
     *
     * @param problem what is wrong and what would be valid, after the quoted value ({@code "is not a number"})
     */
    public VigilException cellError(ErrorCode code, int i, String problem) {
        return new VigilException(code, source + " line " + recordLine + ", " + column(i) + ": '" + field(i) + "' " + problem);
    }

    /** The column of field {@code i}, as messages name it: its header name, or its position. */
    private String column(int i) {
        return header != null && i < header.size() ? "column '" + header.get(i) + "'" : "field " + (i + 1);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException e) {
            // the first failure is the one to report
        }
    }

    private List<String> fieldsAsText() {
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(field(i));
        }
        return out;
    }

    /**
     * Skips blank lines and comment lines; true when {@link #pos} is at the start of a record's line,
     * false at the end of the file.
     */
    private boolean skipToContent() throws IOException {
        while (true) {
            int i = pos;
            while (i < limit && isBlank(buf[i])) {
                i++;
            }
            if (i == limit) {
                if (eof) {
                    pos = limit;
                    return false;
                }
                refill(); // blanks so far stay, bounded by the line limit like any line
                continue;
            }
            byte b = buf[i];
            if (b == '\n' || b == '\r') {
                if (b == '\r' && i + 1 == limit && !eof) {
                    refill();
                    continue;
                }
                pos = b == '\r' && i + 1 < limit && buf[i + 1] == '\n' ? i + 2 : i + 1;
                line++;
                continue;
            }
            if (b == '#' && i == pos) {
                skipComment();
                continue;
            }
            return true;
        }
    }

    /** Consumes a comment line and its line break, without holding it: comments have no length limit. */
    private void skipComment() throws IOException {
        while (true) {
            int i = pos;
            while (i < limit && buf[i] != '\n' && buf[i] != '\r') {
                i++;
            }
            if (i == limit) {
                pos = limit; // the comment so far is gone
                if (eof) {
                    return;
                }
                refill();
                continue;
            }
            if (buf[i] == '\r' && i + 1 == limit && !eof) {
                pos = i; // a '\r' waits for a '\n'
                refill();
                continue;
            }
            pos = buf[i] == '\r' && i + 1 < limit && buf[i + 1] == '\n' ? i + 2 : i + 1;
            line++;
            return;
        }
    }

    /**
     * Parses the record at {@link #pos} in one pass over its bytes: {@link #RECORD}, or {@link #MORE}
     * when the buffer ends first (then nothing is consumed, and it is parsed again after a refill).
     */
    private int parseRecord() {
        final byte[] b = buf;
        final int end = limit;
        final byte separator = sep;
        int i = pos;
        int lines = 0;
        int f = 0;
        while (true) {
            while (i < end && isBlank(b[i])) {
                i++;
            }
            int start;
            int stop;
            boolean quotes = false;
            if (i < end && b[i] == '"') {
                int opened = lines;
                int j = i + 1;
                while (true) {
                    while (j < end && b[j] != '"') {
                        if (b[j] == '\n' || b[j] == '\r' && (j + 1 >= end || b[j + 1] != '\n')) {
                            lines++;
                        }
                        j++;
                    }
                    if (j + 1 >= end && !eof) {
                        return MORE;
                    }
                    if (j >= end) {
                        throw new VigilException(ErrorCode.MALFORMED_DATA, source + " line " + (line + opened)
                                + ": the quoted field opened on this line is not closed before the end of the file");
                    }
                    if (j + 1 < end && b[j + 1] == '"') {
                        quotes = true;
                        j += 2;
                        continue;
                    }
                    break;
                }
                start = i + 1;
                stop = j;
                i = j + 1;
                while (i < end && isBlank(b[i])) {
                    i++;
                }
                if (i < end && b[i] != separator && b[i] != '\n' && b[i] != '\r') {
                    throw new VigilException(ErrorCode.MALFORMED_DATA, source + " line " + (line + lines) + ", " + column(f)
                            + ": text after the closing quote of a quoted field; a quote inside quotes is written twice (\"\")");
                }
            } else {
                start = i;
                byte c;
                while (i < end && (c = b[i]) != separator && c != '\n' && c != '\r') {
                    i++;
                }
                stop = i;
                while (stop > start && isBlank(b[stop - 1])) {
                    stop--;
                }
            }
            if (i >= end && !eof) {
                return MORE;
            }
            if (stop - start > limits.maxCellChars()) {
                checkCell(start, stop, f, line + lines);
            }
            if (f == starts.length) {
                growFields(line + lines);
            }
            starts[f] = start;
            ends[f] = stop;
            escaped[f] = quotes;
            f++;
            if (i >= end || b[i] != separator) {
                if (i + 1 == end && b[i] == '\r' && !eof) {
                    return MORE; // a '\n' may follow: one line break, not two
                }
                if (i - pos > limits.maxLineBytes()) {
                    throw tooLong();
                }
                recordLine = line;
                if (i < end) {
                    i += b[i] == '\r' && i + 1 < end && b[i + 1] == '\n' ? 2 : 1;
                    lines++;
                }
                line += lines;
                pos = i;
                size = f;
                unescape();
                return RECORD;
            }
            i++;
        }
    }

    /** The line at {@link #pos} is beyond the limit; a quote on it may have been left open. */
    private VigilException tooLong() {
        boolean quote = false;
        for (int k = pos; k < limit && !quote; k++) {
            quote = buf[k] == '"';
        }
        return new VigilException(ErrorCode.MALFORMED_DATA, source + " line " + line + " is longer than "
                + String.format(Locale.ROOT, "%,d", limits.maxLineBytes()) + " bytes, the most one line may hold"
                + (quote ? " (is a quote left open? a quoted field may span lines, up to the end of the file)" : "")
                + "; a line that long is not a row of data");
    }

    private void checkCell(int start, int stop, int f, long at) {
        long chars = 0;
        for (int k = start; k < stop; k++) {
            chars += (buf[k] & 0xC0) != 0x80 ? 1 : 0; // UTF-8 continuation bytes are not characters
        }
        if (chars > limits.maxCellChars()) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, source + " line " + at + ", " + column(f) + ": the cell holds more than "
                    + String.format(Locale.ROOT, "%,d", limits.maxCellChars()) + " characters, the most one cell may hold");
        }
    }

    private void growFields(long at) {
        if (starts.length >= limits.maxFields()) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, source + " line " + at + " has more than "
                    + String.format(Locale.ROOT, "%,d", limits.maxFields()) + " fields, the most one line may hold");
        }
        int n = (int) Math.min(2L * starts.length, limits.maxFields());
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
        escaped = Arrays.copyOf(escaped, n);
    }

    /** Turns each quote written twice in a quoted field of the record into one, in place. */
    private void unescape() {
        for (int f = 0; f < size; f++) {
            if (escaped[f]) {
                int w = starts[f];
                for (int r = starts[f]; r < ends[f]; r++) {
                    byte b = buf[r];
                    buf[w++] = b;
                    if (b == '"') {
                        r++;
                    }
                }
                ends[f] = w;
            }
        }
    }

    /**
     * The separator occurring most often outside quotes on the first record: {@code ;} if more than
     * commas and at least as many as tabs, tab if more than both, else {@code ,}.
     */
    private byte detectSeparator() throws IOException {
        while (true) {
            if (!skipToContent()) {
                return ',';
            }
            int commas = 0;
            int semicolons = 0;
            int tabs = 0;
            boolean quoted = false;
            int i = pos;
            for (; i < limit; i++) {
                byte b = buf[i];
                if (b == '"') {
                    quoted = !quoted;
                } else if (!quoted) {
                    if (b == '\n' || b == '\r') {
                        break;
                    }
                    commas += b == ',' ? 1 : 0;
                    semicolons += b == ';' ? 1 : 0;
                    tabs += b == '\t' ? 1 : 0;
                }
            }
            if (i == limit && !eof) {
                refill();
                continue;
            }
            if (semicolons > commas && semicolons >= tabs) {
                return ';';
            }
            return tabs > commas && tabs > semicolons ? (byte) '\t' : (byte) ',';
        }
    }

    /** Space, and tab unless it separates fields: what is ignored around a field. */
    private boolean isBlank(byte b) {
        return b == ' ' || (b == '\t' && sep != '\t');
    }

    /**
     * Keeps the unread bytes, the start of a line, moved to the start of the buffer (grown when they fill
     * it), and reads more after them.
     *
     * @throws VigilException when the line kept is already beyond the limit
     */
    private void refill() throws IOException {
        if (eof) {
            return;
        }
        int n = limit - pos;
        if (n > limits.maxLineBytes()) {
            throw tooLong();
        }
        if (n == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, limits.maxLineBytes() + 2L));
        }
        System.arraycopy(buf, pos, buf, 0, n);
        limit = n;
        pos = 0;
        fill();
    }

    private void fill() throws IOException {
        if (incremental) {
            int n = in.read(buf, limit, buf.length - limit); // what has arrived, at least one byte
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
            return;
        }
        int n = in.readNBytes(buf, limit, buf.length - limit);
        limit += n;
        eof = limit < buf.length;
    }

    private static VigilException ioFailure(String name, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            return new VigilException(ErrorCode.MALFORMED_DATA, name + " is not a valid gzip file (" + e.getMessage() + ")", e);
        }
        return new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + name + ": " + e.getMessage(), e);
    }
}
