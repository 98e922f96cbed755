package dev.vigil.io.parquet;

import dev.vigil.io.TimestampFormat;
import dev.vigil.io.parquet.ParquetField.Category;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a flat Parquet file into a {@link TimeFrame}, in the file's row order.
 *
 * <p>The timestamp column is the one named in the options, else the first timestamp-typed column
 * (INT64 TIMESTAMP, INT96, DATE), else the first text column whose first value is an ISO 8601
 * date-time. Numeric columns (DOUBLE, FLOAT, INT32, INT64 signed or unsigned, DECIMAL of any
 * physical type, BOOLEAN as 1/0) become value columns, nulls {@code NaN}; other flat columns are
 * dropped with a warning unless the user asked for them. Nested, repeated and raw-byte columns are
 * refused: Vigil reads tables.
 *
 * <p>Only the columns kept are read, page by page, straight into primitive arrays ({@link
 * ColumnPages}: no record assembly, no boxing). Every problem is a {@link VigilException} naming
 * the file, and the column and row where there is one. Thread-safe (stateless).
 */
final class ParquetFrameReader {
    static final String ORIGIN = "Data";

    private ParquetFrameReader() {
    }

    static ReadResult read(Path file, ReadOptions options, JobLog log) {
        String name = file.toString();
        ParquetFiles.checkReadable(file, name);
        try (ParquetFileReader reader = ParquetFiles.open(file, name)) {
            return read(reader, name, options, log);
        } catch (IOException e) {
            throw ParquetFiles.ioFailure(name, e);
        }
    }

    private static ReadResult read(ParquetFileReader reader, String name, ReadOptions options, JobLog log) throws IOException {
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        List<ParquetField> fields = schema.getFields().stream().map(ParquetField::of).toList();
        refuseUnsupported(name, fields);
        if (fields.size() < 2) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, name + " has a single column " + describe(fields)
                    + "; expected a timestamp column and at least one value column");
        }
        long rowCount = reader.getRecordCount();
        if (rowCount == 0) {
            throw new VigilException(ErrorCode.EMPTY_DATA, name + " has columns (" + fields.stream().map(ParquetField::name)
                    .collect(Collectors.joining(", ")) + ") but no rows of data");
        }
        if (rowCount > Integer.MAX_VALUE - 8) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, name + " has " + rowCount
                    + " rows; a time frame holds at most " + (Integer.MAX_VALUE - 8) + "; split the file");
        }
        ParquetField time = timestampField(reader, name, fields, options);
        List<ParquetField> values = new ArrayList<>();
        List<ParquetField> dropped = new ArrayList<>();
        int timePosition = 0;
        for (ParquetField f : fields) {
            if (f == time) {
                timePosition = values.size();
            } else {
                (f.category() == Category.NUMBER ? values : dropped).add(f);
            }
        }
        checkRequired(name, fields, time, options);
        checkCodecs(reader, name, time, values);

        List<Type> projection = new ArrayList<>();
        projection.add(time.type());
        values.forEach(v -> projection.add(v.type()));
        reader.setRequestedSchema(new MessageType(schema.getName(), projection));
        int rows = (int) rowCount;
        long[] times = new long[rows];
        double[][] columns = new double[values.size()][rows];
        TimestampColumn timestamps = new TimestampColumn(name, time, options.zone());
        int at = 0;
        int group = 0;
        PageReadStore rowGroup;
        while ((rowGroup = nextRowGroup(reader, name, group)) != null) {
            group++;
            int n = Math.toIntExact(rowGroup.getRowCount());
            ParquetField current = time;
            try {
                timestamps.read(pages(schema, time, rowGroup), times, at, n);
                for (int c = 0; c < values.size(); c++) {
                    current = values.get(c);
                    NumberColumns.read(pages(schema, current, rowGroup), current, columns[c], at, n);
                }
            } catch (VigilException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, name + ", column '" + current.name() + "' (row group " + group
                        + " of " + reader.getRowGroups().size() + "): the data cannot be decoded (" + ParquetFiles.describe(e)
                        + "); the file is corrupt", e);
            }
            at += n;
        }
        if (at != rows) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, name + " is corrupt: its footer counts " + rows
                    + " rows but its row groups hold " + at);
        }

        TimeFrame.Builder b = TimeFrame.builder(times).zone(options.zone()).source(name);
        for (int c = 0; c < values.size(); c++) {
            b.column(values.get(c).name(), columns[c]);
        }
        TimeFrame frame = b.build();
        log.info(ORIGIN, "Read " + frame.rows() + " rows and " + frame.columnCount() + " value columns from " + name
                + " (timestamps in column '" + time.name() + "', " + timestamps.describe() + ").");
        if (!dropped.isEmpty()) {
            log.warning(ORIGIN, "Dropped " + dropped.size() + " non-numeric " + (dropped.size() == 1 ? "column" : "columns")
                    + " of " + name + ": " + describe(dropped)
                    + ". Name a column as KPI or influencer to have it checked instead.");
        }
        return new ReadResult(frame, new ColumnLayout(time.name(), timePosition, integerTypes(values)),
                dropped.stream().map(ParquetField::name).toList());
    }

    /** The signed (or plain) INT32 and INT64 value columns, whose type a writer can keep. */
    private static Map<String, ColumnLayout.ValueType> integerTypes(List<ParquetField> values) {
        Map<String, ColumnLayout.ValueType> types = new LinkedHashMap<>();
        for (ParquetField f : values) {
            if (f.number() == ParquetField.NumberKind.INT32) {
                types.put(f.name(), ColumnLayout.ValueType.INT32);
            } else if (f.number() == ParquetField.NumberKind.INT64) {
                types.put(f.name(), ColumnLayout.ValueType.INT64);
            }
        }
        return types;
    }

    private static void refuseUnsupported(String name, List<ParquetField> fields) {
        List<String> problems = fields.stream().filter(f -> f.category() == Category.UNSUPPORTED)
                .map(f -> name + ": column '" + f.name() + "' is " + article(f.description()) + "; Vigil reads flat tables of a "
                        + "timestamp column (INT64 TIMESTAMP, INT96, DATE or text) and numeric columns (DOUBLE, FLOAT, INT32, "
                        + "INT64, DECIMAL, BOOLEAN); leave the column out, or flatten it, when writing the file")
                .toList();
        if (problems.size() == 1) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw VigilException.ofProblems(ErrorCode.MALFORMED_DATA, name + " has columns Vigil cannot read", problems);
        }
    }

    private static ParquetField timestampField(ParquetFileReader reader, String name, List<ParquetField> fields,
            ReadOptions options) throws IOException {
        Optional<String> named = options.timestamp();
        if (named.isPresent()) {
            ParquetField f = fields.stream().filter(x -> x.name().equals(named.get())).findFirst().orElseThrow(() ->
                    new VigilException(ErrorCode.UNKNOWN_COLUMN, name + " has no timestamp column "
                            + Names.unknown(named.get(), fields.stream().map(ParquetField::name).toList(), "columns")));
            if (f.time() == null) {
                throw new VigilException(ErrorCode.BAD_TIMESTAMP, name + ": column '" + f.name() + "' is " + f.description()
                        + ", which cannot hold timestamps; expected INT64 TIMESTAMP, INT96, DATE, text holding "
                        + "date-times, or integers since 1970");
            }
            return f;
        }
        for (ParquetField f : fields) {
            if (f.isTimestampTyped()) {
                return f;
            }
        }
        List<ParquetField> texts = fields.stream().filter(f -> f.category() == Category.TEXT).toList();
        Map<ParquetField, String> firstTexts = firstValues(reader, texts);
        for (ParquetField f : texts) {
            String v = firstTexts.get(f);
            if (v != null && TimestampFormat.detectIso(v).isPresent()) {
                return f;
            }
        }
        throw new VigilException(ErrorCode.BAD_TIMESTAMP, name + " has no timestamp column: no column is a timestamp type "
                + "(INT64 TIMESTAMP, INT96, DATE) and no text column holds " + TimestampFormat.iso().describe()
                + " (columns: " + describe(fields) + firstTexts.entrySet().stream()
                        .map(e -> "; first '" + e.getKey().name() + "' is '" + e.getValue() + "'").collect(Collectors.joining())
                + "); name the timestamp column explicitly (--timestamp)");
    }

    /** The first non-null value of each text field, from the first row group. */
    private static Map<ParquetField, String> firstValues(ParquetFileReader reader, List<ParquetField> texts) throws IOException {
        Map<ParquetField, String> first = new LinkedHashMap<>();
        if (texts.isEmpty()) {
            return first;
        }
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        reader.setRequestedSchema(new MessageType(schema.getName(), texts.stream().map(ParquetField::type).toList()));
        PageReadStore group = reader.readRowGroup(0);
        for (ParquetField f : texts) {
            ColumnPages pages = pages(schema, f, group);
            while (!first.containsKey(f) && pages.next()) {
                ValuesReader v = pages.values();
                for (int i = 0; i < pages.count(); i++) {
                    if (pages.allPresent() || pages.present(i)) {
                        first.put(f, v.readBytes().toStringUsingUTF8());
                        break;
                    }
                }
            }
        }
        return first;
    }

    private static void checkRequired(String name, List<ParquetField> fields, ParquetField time, ReadOptions options) {
        List<String> valueColumns = fields.stream().filter(f -> f != time).map(ParquetField::name).toList();
        Names.requireColumns(name, options.required(), valueColumns);
        List<String> problems = new ArrayList<>();
        for (ParquetField f : fields) {
            String role = options.required().get(f.name());
            if (role != null && f != time && f.category() != Category.NUMBER) {
                problems.add(name + ": the " + role + " '" + f.name() + "' is " + f.description() + ", not a number; expected "
                        + "DOUBLE, FLOAT, INT32, INT64, DECIMAL or BOOLEAN");
            }
        }
        if (problems.size() == 1) {
            throw new VigilException(ErrorCode.BAD_VALUE, problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw VigilException.ofProblems(ErrorCode.BAD_VALUE, "Columns of " + name + " that are not numbers", problems);
        }
    }

    private static void checkCodecs(ParquetFileReader reader, String name, ParquetField time, List<ParquetField> values) {
        List<String> read = new ArrayList<>();
        read.add(time.name());
        values.forEach(v -> read.add(v.name()));
        for (BlockMetaData block : reader.getRowGroups()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                String column = chunk.getPath().toArray()[0];
                if (read.contains(column) && !PureJavaCodecs.READABLE.contains(chunk.getCodec())) {
                    throw new VigilException(ErrorCode.MALFORMED_DATA, name + ": column '" + column + "' is compressed with "
                            + chunk.getCodec() + ", which Vigil cannot read; write the file with one of "
                            + PureJavaCodecs.READABLE.stream().map(Enum::name).collect(Collectors.joining(", ")));
                }
            }
        }
    }

    private static PageReadStore nextRowGroup(ParquetFileReader reader, String name, int group) {
        try {
            return reader.readNextRowGroup();
        } catch (IOException | RuntimeException e) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, name + ": row group " + (group + 1) + " of "
                    + reader.getRowGroups().size() + " cannot be read (" + ParquetFiles.describe(e) + "); the file is corrupt", e);
        }
    }

    private static ColumnPages pages(MessageType schema, ParquetField field, PageReadStore group) {
        ColumnDescriptor column = schema.getColumnDescription(new String[] {field.name()});
        return new ColumnPages(column, group.getPageReader(column));
    }

    private static String describe(List<ParquetField> fields) {
        return fields.stream().map(f -> "'" + f.name() + "' " + f.description()).collect(Collectors.joining(", "));
    }

    private static String article(String description) {
        return description.startsWith("a ") ? description : "of type " + description;
    }
}
