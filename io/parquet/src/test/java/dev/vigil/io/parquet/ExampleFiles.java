package dev.vigil.io.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Parquet files of any schema, written with parquet-java's example object model, for what DuckDB does not write. */
final class ExampleFiles {
    private ExampleFiles() {
    }

    /** Writes {@code rows} records of {@code schema}, each filled by {@code row} (record, row index). */
    static Path write(Path file, String schema, int rows, BiConsumer<Group, Integer> row) throws IOException {
        MessageType type = MessageTypeParser.parseMessageType(schema);
        Files.deleteIfExists(file);
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(type)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new PureJavaCodecs())
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .build()) {
            for (int r = 0; r < rows; r++) {
                Group g = groups.newGroup();
                row.accept(g, r);
                writer.write(g);
            }
        }
        return file;
    }
}
