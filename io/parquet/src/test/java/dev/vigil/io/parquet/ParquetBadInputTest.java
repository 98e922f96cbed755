package dev.vigil.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a file can fail to be a readable table gives one clear error naming the file, and the column where there is one. */
class ParquetBadInputTest extends WithDuckDb {
    @TempDir
    Path dir;

    private final ParquetFormat parquet = new ParquetFormat();

    private TimeFrame read(Path file) {
        return parquet.read(file, ReadOptions.DEFAULT, new JobLog());
    }

    private static void fails(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    private Path good() throws SQLException {
        return duck.copy("SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (i) MINUTE AS time, random() AS v "
                + "FROM range(5000) t(i)", dir.resolve("good.parquet"));
    }

    @Test
    void aCsvFileNamedParquet() throws IOException {
        Path p = dir.resolve("data.parquet");
        Files.writeString(p, "time,v\n2020-01-01,1\n");
        fails(() -> read(p), ErrorCode.MALFORMED_DATA, p + " is not a Parquet file: it does not start and end with the Parquet "
                + "marker 'PAR1' (it starts with 'time'); the format follows the file name's extension, so a CSV file must end "
                + "in .csv or .csv.gz");
    }

    @Test
    void aTruncatedFile() throws IOException, SQLException {
        byte[] whole = Files.readAllBytes(good());
        Path p = dir.resolve("half.parquet");
        Files.write(p, Arrays.copyOf(whole, whole.length / 2));
        fails(() -> read(p), ErrorCode.MALFORMED_DATA, p + " is truncated: it starts like a Parquet file but does not end with "
                + "the marker 'PAR1' after its footer (the part that holds the schema), after " + whole.length / 2
                + " bytes; copy or write it again completely");
        Path tiny = dir.resolve("tiny.parquet");
        Files.write(tiny, "PAR1".getBytes());
        assertThatThrownBy(() -> read(tiny)).hasMessageContaining("is truncated");
    }

    @Test
    void aCorruptFooter() throws IOException, SQLException {
        byte[] bytes = Files.readAllBytes(good());
        int footerLength = bytes.length - 8;
        for (int i = footerLength - 40; i < footerLength; i++) {
            bytes[i] = (byte) 0xEE;
        }
        Path p = dir.resolve("corrupt.parquet");
        Files.write(p, bytes);
        assertThatThrownBy(() -> read(p)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessageStartingWith(p + " is a corrupt Parquet file: its footer (the schema and where the data lie) cannot be read (");
    }

    @Test
    void anEmptyFileAndAFileWithoutRows() throws IOException, SQLException {
        Path empty = Files.createFile(dir.resolve("empty.parquet"));
        fails(() -> read(empty), ErrorCode.EMPTY_DATA, empty + " is empty (0 bytes); expected a Parquet file");
        Path noRows = duck.copy("SELECT TIMESTAMP '2024-01-01' AS time, 1.0 AS v WHERE false", dir.resolve("none.parquet"));
        fails(() -> read(noRows), ErrorCode.EMPTY_DATA, noRows + " has columns (time, v) but no rows of data");
    }

    @Test
    void nestedColumnsAreRefusedAllTogether() throws SQLException {
        Path p = duck.copy("SELECT TIMESTAMP '2024-01-01' AS time, [1, 2] AS tags, {'a': 1, 'b': 2.5} AS reading, "
                + "MAP {'k': 1} AS attributes, 1.0 AS v", dir.resolve("nested.parquet"));
        String flat = "; Vigil reads flat tables of a timestamp column (INT64 TIMESTAMP, INT96, DATE or text) and numeric columns "
                + "(DOUBLE, FLOAT, INT32, INT64, DECIMAL, BOOLEAN); leave the column out, or flatten it, when writing the file";
        assertThatThrownBy(() -> read(p)).isInstanceOfSatisfying(VigilException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA);
            assertThat(e.problems()).containsExactly(
                    p + ": column 'tags' is a nested LIST" + flat,
                    p + ": column 'reading' is a nested struct of 2 fields" + flat,
                    p + ": column 'attributes' is a nested MAP" + flat);
        }).hasMessageStartingWith(p + " has columns Vigil cannot read");
    }

    @Test
    void rawBytesAndIntervalsAreRefused() throws SQLException {
        Path blob = duck.copy("SELECT TIMESTAMP '2024-01-01' AS time, 'ab'::BLOB AS payload, 1.0 AS v", dir.resolve("blob.parquet"));
        assertThatThrownBy(() -> read(blob)).hasMessageStartingWith(blob + ": column 'payload' is of type BINARY (raw bytes, not text); "
                + "Vigil reads flat tables");
        Path interval = duck.copy("SELECT TIMESTAMP '2024-01-01' AS time, INTERVAL 1 DAY AS wait, 1.0 AS v", dir.resolve("iv.parquet"));
        assertThatThrownBy(() -> read(interval)).hasMessageStartingWith(interval + ": column 'wait' is of type "
                + "FIXED_LEN_BYTE_ARRAY INTERVAL; Vigil reads flat tables");
    }

    @Test
    void aMissingOrUnusableTimestampColumn() throws SQLException {
        Path p = good();
        fails(() -> parquet.read(p, ReadOptions.DEFAULT.withTimestampColumn("tim"), new JobLog()), ErrorCode.UNKNOWN_COLUMN,
                p + " has no timestamp column 'tim'; did you mean 'time'? columns: time, v");
        fails(() -> parquet.read(p, ReadOptions.DEFAULT.withTimestampColumn("v"), new JobLog()), ErrorCode.BAD_TIMESTAMP,
                p + ": column 'v' is DOUBLE, which cannot hold timestamps; expected INT64 TIMESTAMP, INT96, DATE, text holding "
                        + "date-times, or integers since 1970");
        Path none = duck.copy("SELECT 'pump ' || i AS name, i AS n, (i * 2.5)::DOUBLE AS v FROM range(3) t(i)", dir.resolve("none.parquet"));
        fails(() -> read(none), ErrorCode.BAD_TIMESTAMP, none + " has no timestamp column: no column is a timestamp type (INT64 "
                + "TIMESTAMP, INT96, DATE) and no text column holds an ISO 8601 date-time such as 2019-03-06 10:52:33 or "
                + "2019-03-06T10:52:33Z (columns: 'name' BINARY STRING, 'n' INT64 INTEGER(64,true), 'v' DOUBLE; first 'name' is "
                + "'pump 0'); name the timestamp column explicitly (--timestamp)");
    }

    @Test
    void aNullOrUnreadableTimestampNamesTheRow() throws SQLException {
        Path nulls = duck.copy("SELECT CASE WHEN i = 4321 THEN NULL ELSE TIMESTAMP '2024-01-01' + INTERVAL (i) SECOND END AS time, "
                + "i AS v FROM range(5000) t(i)", dir.resolve("nulls.parquet"), "ROW_GROUP_SIZE 2048");
        fails(() -> read(nulls), ErrorCode.BAD_TIMESTAMP, nulls + " row 4322, column 'time': the timestamp is missing (null); "
                + "every row needs a timestamp");
        Path text = duck.copy("SELECT CASE WHEN i = 7 THEN '2024-13-01 00:00:00' ELSE strftime(TIMESTAMP '2024-01-01' + "
                + "INTERVAL (i) HOUR, '%Y-%m-%d %H:%M:%S') END AS time, i AS v FROM range(10) t(i)", dir.resolve("text.parquet"));
        fails(() -> read(text), ErrorCode.BAD_TIMESTAMP, text + " row 8, column 'time': '2024-13-01 00:00:00' is not a timestamp; "
                + "expected an ISO 8601 date-time such as 2019-03-06 10:52:33 or 2019-03-06T10:52:33Z, like the first row");
    }

    @Test
    void brotliPagesNameTheColumnAndTheCodecsThatWork() throws SQLException {
        Path p = duck.copy("SELECT TIMESTAMP '2024-01-01' AS time, 1.0 AS v", dir.resolve("brotli.parquet"), "COMPRESSION brotli");
        fails(() -> read(p), ErrorCode.MALFORMED_DATA, p + ": column 'time' is compressed with BROTLI, which Vigil cannot read; "
                + "write the file with one of UNCOMPRESSED, SNAPPY, GZIP, LZO, LZ4, ZSTD, LZ4_RAW");
    }

    @Test
    void aSingleColumnAMissingFileAndAFolder() throws SQLException {
        Path single = duck.copy("SELECT TIMESTAMP '2024-01-01' AS time", dir.resolve("single.parquet"));
        fails(() -> read(single), ErrorCode.MALFORMED_DATA, single + " has a single column 'time' INT64 TIMESTAMP(MICROS,false); "
                + "expected a timestamp column and at least one value column");
        fails(() -> read(dir.resolve("nope.parquet")), ErrorCode.FILE_NOT_FOUND, dir.resolve("nope.parquet") + " does not exist");
        fails(() -> read(dir), ErrorCode.FILE_NOT_FOUND, dir + " is not a file");
    }
}
