package dev.vigil.io.parquet;

import dev.vigil.core.ErrorCode;
import dev.vigil.core.VigilException;
import dev.vigil.core.frame.Column;
import dev.vigil.core.frame.TimeFrame;
import dev.vigil.io.AtomicFiles;
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
import org.apache.parquet.schema.Types;

/**
 * Writes a {@link TimeFrame} as a Parquet file, atomically (through {@link AtomicFiles}): a required
 * {@code timestamp} column of INT64 TIMESTAMP(MILLIS, adjusted to UTC), then one optional DOUBLE
 * column per value column, in order, null where the value is {@code NaN}. Pages are Snappy-compressed
 * in pure Java; one row group per 128 MiB.
 */
final class ParquetFrameWriter {
    /** The name of the timestamp column, as in Vigil's CSV files. */
    static final String TIMESTAMP = "timestamp";

    private ParquetFrameWriter() {
    }

    static void write(TimeFrame frame, Path target) {
        if (frame.hasColumn(TIMESTAMP)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Cannot write " + target + ": the frame has a value "
                    + "column named '" + TIMESTAMP + "', the name of the timestamp column Vigil writes; rename that column");
        }
        MessageType schema = schema(frame);
        AtomicFiles.writeBytes(target, out -> {
            try (ParquetWriter<Row> writer = new Builder(new StreamOutputFile(out, target.toString()), schema, frame)
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(new PureJavaCodecs())
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withDictionaryEncoding(TIMESTAMP, false)
                    .build()) {
                Row row = new Row();
                for (int r = 0; r < frame.rows(); r++) {
                    row.index = r;
                    writer.write(row);
                }
            }
        });
    }

    static MessageType schema(TimeFrame frame) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                .named(TIMESTAMP);
        for (String name : frame.columnNames()) {
            b.optional(PrimitiveTypeName.DOUBLE).named(name);
        }
        return b.named("vigil");
    }

    /** The row being written; one mutable instance, so that rows are not boxed. */
    private static final class Row {
        int index;
    }

    /** Sends each row's timestamp and non-missing values to Parquet's column writers. */
    private static final class FrameWriteSupport extends WriteSupport<Row> {
        private final MessageType schema;
        private final TimeFrame frame;
        private final Column[] columns;
        private RecordConsumer out;

        FrameWriteSupport(MessageType schema, TimeFrame frame) {
            this.schema = schema;
            this.frame = frame;
            this.columns = new Column[frame.columnCount()];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = frame.column(c);
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
            out.startField(TIMESTAMP, 0);
            out.addLong(frame.time(r));
            out.endField(TIMESTAMP, 0);
            for (int c = 0; c < columns.length; c++) {
                double v = columns[c].get(r);
                if (!Double.isNaN(v)) {
                    String name = columns[c].name();
                    out.startField(name, c + 1);
                    out.addDouble(v);
                    out.endField(name, c + 1);
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
