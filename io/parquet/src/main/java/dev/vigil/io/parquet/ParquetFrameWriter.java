package dev.vigil.io.parquet;

import dev.vigil.io.AtomicFiles;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.Column;
import dev.vigil.spi.frame.TimeFrame;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes a {@link TimeFrame} as a Parquet file, atomically (through {@link AtomicFiles}): a required
 * INT64 TIMESTAMP(MILLIS, adjusted to UTC) column, named and placed as the {@link ColumnLayout} says
 * ({@code timestamp}, first, by default), and one optional column per value column, in order, null
 * where the value is {@code NaN}: DOUBLE, or INT32 or INT64 where the layout asks for it and every
 * value of the column is a whole number in range. Pages are Snappy-compressed in pure Java; one row
 * group per 128 MiB.
 */
final class ParquetFrameWriter {
    private ParquetFrameWriter() {
    }

    static void write(TimeFrame frame, Path target, ColumnLayout layout) {
        String time = layout.timestampColumn();
        if (frame.hasColumn(time)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Cannot write " + target + ": the frame has a value "
                    + "column named '" + time + "', the name of the timestamp column Vigil writes; rename that column");
        }
        MessageType schema = schema(frame, layout);
        AtomicFiles.writeBytes(target, out -> {
            try (ParquetWriter<Row> writer = new Builder(new StreamOutputFile(out, target.toString()), schema, frame)
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(new PureJavaCodecs())
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withDictionaryEncoding(time, false)
                    .build()) {
                Row row = new Row();
                for (int r = 0; r < frame.rows(); r++) {
                    row.index = r;
                    writer.write(row);
                }
            }
        });
    }

    static MessageType schema(TimeFrame frame, ColumnLayout layout) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (String name : layout.names(frame.columnNames())) { // write() refuses a value column named as the timestamp
            if (name.equals(layout.timestampColumn())) {
                b.required(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                        .named(name);
            } else {
                b.optional(physicalType(frame.column(name), layout.type(name))).named(name);
            }
        }
        return b.named("vigil");
    }

    /** The type a value column is stored as: the layout's integer type if every value fits it, else DOUBLE. */
    private static PrimitiveTypeName physicalType(Column column, ColumnLayout.ValueType type) {
        if (type == ColumnLayout.ValueType.DOUBLE) {
            return PrimitiveTypeName.DOUBLE;
        }
        for (int r = 0; r < column.size(); r++) {
            if (!type.holds(column.get(r))) {
                return PrimitiveTypeName.DOUBLE;
            }
        }
        return type == ColumnLayout.ValueType.INT32 ? PrimitiveTypeName.INT32 : PrimitiveTypeName.INT64;
    }

    /** The row being written; one mutable instance, so that rows are not boxed. */
    private static final class Row {
        int index;
    }

    /** Sends each row's timestamp and non-missing values to Parquet's column writers. */
    private static final class FrameWriteSupport extends WriteSupport<Row> {
        private final MessageType schema;
        private final TimeFrame frame;
        /** The value column of each schema field, {@code null} for the timestamp's. */
        private final Column[] columns;
        private final String[] names;
        private final PrimitiveTypeName[] types;
        private RecordConsumer out;

        FrameWriteSupport(MessageType schema, TimeFrame frame) {
            this.schema = schema;
            this.frame = frame;
            int fields = schema.getFieldCount();
            this.columns = new Column[fields];
            this.names = new String[fields];
            this.types = new PrimitiveTypeName[fields];
            for (int f = 0; f < fields; f++) {
                names[f] = schema.getFieldName(f);
                types[f] = schema.getType(f).asPrimitiveType().getPrimitiveTypeName();
                columns[f] = schema.getType(f).isRepetition(Type.Repetition.REQUIRED) ? null
                        : frame.column(names[f]);
            }
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        @SuppressWarnings("deprecation")
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Row row) {
            int r = row.index;
            out.startMessage();
            for (int f = 0; f < columns.length; f++) {
                if (columns[f] == null) { // the timestamp
                    out.startField(names[f], f);
                    out.addLong(frame.time(r));
                    out.endField(names[f], f);
                    continue;
                }
                double v = columns[f].get(r);
                if (!Double.isNaN(v)) {
                    out.startField(names[f], f);
                    switch (types[f]) {
                        case INT32 -> out.addInteger((int) v);
                        case INT64 -> out.addLong((long) v);
                        default -> out.addDouble(v);
                    }
                    out.endField(names[f], f);
                }
            }
            out.endMessage();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final MessageType schema;
        private final TimeFrame frame;

        Builder(OutputFile file, MessageType schema, TimeFrame frame) {
            super(file);
            this.schema = schema;
            this.frame = frame;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return new FrameWriteSupport(schema, frame);
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new FrameWriteSupport(schema, frame);
        }
    }

    /** A Parquet output file over the stream {@link AtomicFiles} opens on its temporary file. */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream out;
        private final String name;

        StreamOutputFile(OutputStream out, String name) {
            this.out = new BufferedOutputStream(out, 1 << 16);
            this.name = name;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.flush(); // AtomicFiles closes the file itself
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return name;
        }
    }
}
