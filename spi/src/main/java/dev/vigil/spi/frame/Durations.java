package dev.vigil.spi.frame;

import java.time.Duration;

/** Durations written for people: {@code "1 second"}, {@code "15 minutes"}, {@code "1 hour 30 minutes"}. */
public final class Durations {
    private Durations() {
    }

    /** A short English description of a duration: its two largest non-zero units, the rest dropped. */
    public static String human(Duration d) {
        if (d.isZero()) {
            return "0 seconds";
        }
        long ms = d.toMillis();
        String sign = ms < 0 ? "-" : "";
        ms = Math.abs(ms);
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] units = {"day", "hour", "minute", "second", "millisecond"};
        StringBuilder sb = new StringBuilder(sign);
        int parts = 0;
        for (int i = 0; i < sizes.length && parts < 2 && ms > 0; i++) {
            long n = ms / sizes[i];
            if (n > 0) {
                sb.append(parts > 0 ? " " : "").append(n).append(' ').append(units[i]).append(n == 1 ? "" : "s");
                ms -= n * sizes[i];
                parts++;
            }
        }
        return sb.toString();
    }
}
