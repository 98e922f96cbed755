package dev.vigil.io.parquet;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Opening Parquet files, and what to tell the user when a file is not one: missing, empty, not
 * Parquet, truncated, encrypted or corrupt. A Parquet file starts and ends with the four bytes
 * {@code PAR1}; its footer, just before the final marker, holds the schema and where the data lie.
 */
final class ParquetFiles {
    private static final String MAGIC = "PAR1";
    private static final String ENCRYPTED_MAGIC = "PARE";
    private static final int MAGIC_LENGTH = 4;
    /** Marker, footer length, marker. */
    private static final int MINIMUM_LENGTH = 12;

    private ParquetFiles() {
    }

    /**
     * Checks that the file exists and looks like a whole Parquet file.
     *
     * @throws VigilException {@link ErrorCode#FILE_NOT_FOUND}, {@link ErrorCode#EMPTY_DATA} or {@link ErrorCode#MALFORMED_DATA}
     */
    static void checkReadable(Path file, String name) {
        if (!Files.exists(file)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, name + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, name + " is not a file");
        }
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            long size = in.size();
            if (size == 0) {
                throw new VigilException(ErrorCode.EMPTY_DATA, name + " is empty (0 bytes); expected a Parquet file");
            }
            String head = bytes(in, 0, (int) Math.min(MAGIC_LENGTH, size));
            String tail = bytes(in, Math.max(0, size - MAGIC_LENGTH), (int) Math.min(MAGIC_LENGTH, size));
            boolean startsRight = head.equals(MAGIC);
            if (tail.equals(ENCRYPTED_MAGIC)) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, name + " is an encrypted Parquet file; Vigil reads "
                        + "unencrypted files only");
            }
            if (!startsRight && !tail.equals(MAGIC)) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, name + " is not a Parquet file: it does not start and end "
                        + "with the Parquet marker 'PAR1' (it starts with '" + printable(head) + "'); the format follows the "
                        + "file name's extension, so a CSV file must end in .csv or .csv.gz");
            }
            if (!tail.equals(MAGIC) || size < MINIMUM_LENGTH) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, name + " is truncated: it starts like a Parquet file but "
                        + "does not end with the marker 'PAR1' after its footer (the part that holds the schema), after "
                        + size + " bytes; copy or write it again completely");
            }
            if (!startsRight) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, name + " is not a valid Parquet file: it ends with the "
                        + "marker 'PAR1' but does not start with it");
            }
        } catch (NoSuchFileException e) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, name + " does not exist", e);
        } catch (IOException e) {
            throw ioFailure(name, e);
        }
    }

    /** Opens a checked file with Vigil's read options: pure-Java codecs, no Hadoop configuration. */
    static ParquetFileReader open(Path file, String name) {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new PureJavaCodecs())
                .build();
        try {
            return ParquetFileReader.open(new LocalInputFile(file), options);
        } catch (IOException | RuntimeException e) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, name + " is a corrupt Parquet file: its footer (the schema and "
                    + "where the data lie) cannot be read (" + describe(e) + ")", e);
        }
    }

    static VigilException ioFailure(String name, IOException e) {
        return new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + name + ": " + describe(e), e);
    }

    /** An exception as a short phrase: its message, or its type when it has none. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String bytes(SeekableByteChannel in, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        in.position(at);
        while (b.hasRemaining() && in.read(b) >= 0) {
            // read fully
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= ' ' && c < 127 ? c : '?');
        }
        return sb.toString();
    }
}
