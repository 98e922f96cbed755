package dev.vigil.spi.settings;

import static java.util.Objects.requireNonNull;

import java.util.BitSet;

/**
 * One entry of TIM's {@code detectionIntervals}: the values of one calendar field in which
 * anomaly indicators are calculated, e.g. {@code {type: Hour, value: "8-16"}} or
 * {@code {type: Day, value: "1,3,5"}} (days are ISO, Monday = 1). A row is in detection when it
 * matches every interval given.
 *
 * @param type calendar field
 * @param value comma-separated values and inclusive ranges {@code a-b}
 */
public record DetectionInterval(Type type, String value) {

    /** Calendar field of an interval, with its valid range. */
    public enum Type {
        Day(1, 7),
        Hour(0, 23),
        Minute(0, 59),
        Second(0, 59);

        private final int min;
        private final int max;

        Type(int min, int max) {
            this.min = min;
            this.max = max;
        }

        /** Smallest valid value. */
        public int min() {
            return min;
        }

        /** Largest valid value. */
        public int max() {
            return max;
        }
    }

    public DetectionInterval {
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
        parse(type, value); // validates
    }

    /** The allowed values of the field as a bit set. */
    public BitSet allowed() {
        return parse(type, value);
    }

    private static BitSet parse(Type type, String value) {
        BitSet bits = new BitSet(type.max + 1);
        Problems p = new Problems();
        String valid = "; valid: comma-separated values or ranges a-b within " + type.min + "-" + type.max
                + " (e.g. \"8-16\" or \"1,12,23\")";
        for (String part : value.split(",", -1)) {
            String s = part.strip();
            try {
                int dash = s.indexOf('-', 1);
                int lo = Integer.parseInt(dash < 0 ? s : s.substring(0, dash).strip());
                int hi = dash < 0 ? lo : Integer.parseInt(s.substring(dash + 1).strip());
                if (lo < type.min || hi > type.max || lo > hi) {
                    p.require(false, "detectionIntervals " + type + " value '" + s + "' is out of range" + valid);
                } else {
                    bits.set(lo, hi + 1);
                }
            } catch (NumberFormatException e) {
                p.require(false, "detectionIntervals " + type + " value '" + value + "' is not understood" + valid);
                break;
            }
        }
        p.throwIfAny("detection interval");
        return bits;
    }
}
