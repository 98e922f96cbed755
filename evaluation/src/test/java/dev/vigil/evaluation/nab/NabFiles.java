package dev.vigil.evaluation.nab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import dev.vigil.spi.frame.TimeFrame;

/** Seeded NAB-like series for the tests: hourly, a daily cycle, noise, one spike, one duplicate timestamp. */
final class NabFiles {
    /** The 1-based data row whose timestamp repeats the one before it (as NAB's exchange-2_cpc_results.csv has). */
    static final int DUPLICATE = 1_304;
    private static final long START = Instant.parse("2014-04-01T00:00:00Z").toEpochMilli();
    private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private NabFiles() {
    }

    /** {@code rows} hourly rows of a column {@code value}, with a spike at 80 % of the rows. */
    static TimeFrame hourly(int rows, long seed) {
        Random random = new Random(seed);
        long[] t = new long[rows];
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            int hour = i < DUPLICATE ? i : i - 1; // row DUPLICATE (0-based) repeats the timestamp of the row before
            t[i] = START + hour * 3_600_000L;
            v[i] = 10 + 3 * Math.sin(2 * Math.PI * hour / 24) + random.nextGaussian() * 0.3 + (i == rows * 4 / 5 ? 8 : 0);
        }
        return TimeFrame.builder(t).column("value", v).source("hourly").build();
    }

    /** Writes a frame as a NAB data file, {@code timestamp,value}, timestamps as NAB writes them. */
    static void write(TimeFrame frame, Path file) throws IOException {
        StringBuilder b = new StringBuilder("timestamp,value\n");
        double[] v = frame.values("value");
        for (int i = 0; i < frame.rows(); i++) {
            b.append(NAB_TIME.format(frame.instant(i))).append(',').append(v[i]).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, b);
    }
}
