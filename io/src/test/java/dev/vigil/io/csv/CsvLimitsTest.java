package dev.vigil.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pathological lines are refused with the line and the limit, in memory bounded by the limits, not
 * by the line. Surefire runs this class in a JVM of its own with a 96 MiB heap (see the module's
 * pom), where reading a 200 MB line into memory, as the reader before the limits did, cannot succeed.
 */
class CsvLimitsTest {
    private static final long MB = 1_000_000;

    @TempDir
    Path dir;

    /** A header, one good row, then line 3: {@code "2020-01-02,"}, {@code start}, and {@code filler} repeated for {@code bytes} bytes. */
    private static InputStream pathological(String start, long bytes, byte[] filler) {
        byte[] head = ("time,v\n2020-01-01,1\n2020-01-02," + start).getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            long at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                long total = head.length + bytes;
                if (at >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - at);
                for (int i = 0; i < n; i++, at++) {
                    b[off + i] = at < head.length ? head[(int) at] : filler[(int) ((at - head.length) % filler.length)];
                }
                return n;
            }
        };
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static void refused(InputStream in, String message) {
        long before = allocatedBytes();
        assertThatThrownBy(() -> {
            try (CsvTokenizer csv = new CsvTokenizer(in, "p.csv", CsvLimits.DEFAULT)) {
                while (csv.next()) {
                    csv.number(csv.size() - 1);
                }
            }
        }).isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA)).hasMessage(message);
        long allocated = allocatedBytes() - before;
        // the buffer grows by doubling to the line limit (16 MiB): about 32 MiB allocated in all, whatever the line's length
        assertThat(allocated).as("bytes allocated to refuse the line").isLessThan(48L << 20);
    }

    @Test
    void aLineOf200MegabytesWithoutALineBreakIsRefusedWithoutBeingHeld() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean, "this JVM cannot count allocations");
        refused(pathological("", 200 * MB, "1234567".getBytes(StandardCharsets.US_ASCII)), "p.csv line 3 is longer than 16,777,216 "
                + "bytes, the most one line may hold; a line that long is not a row of data");
        refused(pathological("\"", 200 * MB, "open\n".getBytes(StandardCharsets.US_ASCII)), "p.csv line 3 is longer than 16,777,216 "
                + "bytes, the most one line may hold (is a quote left open? a quoted field may span lines, up to the end of the file); "
                + "a line that long is not a row of data");
    }

    @Test
    void aLineOfAHundredThousandFieldsIsRefused() {
        refused(pathological("", 200_000, "1,".getBytes(StandardCharsets.US_ASCII)), "p.csv line 3 has more than 65,536 fields, the most "
                + "one line may hold");
    }

    @Test
    void aCellOfTwoMillionCharactersIsRefused() {
        InputStream in = pathological("", 2_200_000, "é".getBytes(StandardCharsets.UTF_8)); // 1.1 million characters in 2.2 MB
        assertThatThrownBy(() -> {
            try (CsvTokenizer csv = new CsvTokenizer(in, "p.csv", CsvLimits.DEFAULT)) {
                while (csv.next()) {
                    csv.number(1);
                }
            }
        }).isInstanceOf(VigilException.class).hasMessage("p.csv line 3, column 'v': the cell holds more than 1,048,576 characters, "
                + "the most one cell may hold");
    }

    @Test
    void theReaderRefusesAFileWithAHugeLineNamingItsLine() throws IOException {
        Path p = dir.resolve("huge.csv");
        try (OutputStream out = Files.newOutputStream(p); InputStream in = pathological("", 20 * MB, "9".getBytes(StandardCharsets.US_ASCII))) {
            in.transferTo(out);
        }
        assertThatThrownBy(() -> CsvReader.read(p, ReadOptions.DEFAULT, new JobLog())).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA)).hasMessage(p + " line 3 is longer than 16,777,216 bytes, "
                        + "the most one line may hold; a line that long is not a row of data");
    }

    @Test
    void smallerLimitsCanBeGivenToTheReader() throws IOException {
        Path p = Files.writeString(dir.resolve("wide.csv"), "time,a,b,c\n2020-01-01,1,2,3\n");
        CsvLimits three = new CsvLimits(3, 100, 100);
        assertThatThrownBy(() -> CsvReader.readFile(p, ReadOptions.DEFAULT, new JobLog(), three))
                .hasMessage(p + " line 1 has more than 3 fields, the most one line may hold");
        assertThat(CsvReader.readFile(p, ReadOptions.DEFAULT, new JobLog(), new CsvLimits(4, 100, 100)).frame().columnNames())
                .containsExactly("a", "b", "c");
    }

    @Test
    void limitsBelowWhatAFileNeedsAreRefused() {
        for (int[] bad : new int[][] {{1, 1, 16}, {2, 0, 16}, {2, 1, 15}}) {
            assertThatThrownBy(() -> new CsvLimits(bad[0], bad[1], bad[2])).as(Arrays.toString(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
