package dev.vigil.io.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Parses plain decimal numbers ({@code -12.5}, {@code 1e-3}, {@code .5}, {@code 0.9383372047346693})
 * to the nearest double, several times faster than {@link Double#parseDouble}, whose slow path
 * (big-integer arithmetic) every 17-digit number takes.
 *
 * <p>One pass reads the sign, the significant digits (eight at a time where it can, by SWAR
 * arithmetic on a {@code long}) and the decimal exponent; with at most 19 significant digits the value is then
 * exact by Clinger's fast path (at most 2<sup>53</sup> and 10<sup>±22</sup>) or rounded correctly by
 * the Eisel–Lemire algorithm with a 128-bit table of powers of five (D. Lemire, "Number parsing at a
 * gigabyte per second", Software: Practice and Experience 51(8), 2021; N. Mushtak and D. Lemire, "Fast
 * number parsing without fallback", 2023). The rare numbers it does not decide (more than 19
 * significant digits, subnormal, overflowing, beyond 10<sup>±308</sup>) go to {@link
 * Double#parseDouble}, so the result is always the same as it, bit for bit (property-tested on generated
 * digit strings and on every finite double as Java prints it).
 *
 * <p>Why not the fast parser jackson-core ships (FastDoubleParser, by the same algorithms): it reads
 * Java's number syntax ({@code Infinity}, hexadecimal, a trailing {@code d}), so a strict check would
 * pass over every cell first, and its public entry points take a {@code String} or a {@code char[]},
 * so every cell would be copied. On the read benchmark's file (a million rows of 20 full-precision
 * columns) the reading thread took about 40 % more CPU time that way (1.5 s against 1.1 s a read).
 *
 * <p>Thread-safe (stateless).
 */
final class FastDecimal {
    private static final int SMALLEST_POWER = -342;
    private static final int LARGEST_POWER = 308;
    /** For each q in [-342, 308]: 5<sup>q</sup> normalised to 128 bits, high then low 64 bits (truncated, or +1 below 1). */
    private static final long[] POWERS_OF_FIVE = powersOfFive();
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final int MAX_DIGITS = 19;
    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private FastDecimal() {
    }

    /**
     * The value of {@code s} if all of it is a plain decimal number: an optional sign, digits with an
     * optional decimal point (at least one digit), and an optional exponent ({@code e} or {@code E},
     * optional sign, at least one digit). Anything else, white space included, gives {@code NaN},
     * which no number gives.
     */
    static double parse(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1); // a character outside Latin-1 becomes '?', not a digit
        return parse(bytes, 0, bytes.length);
    }

    /** Like {@link #parse(String)}, for the characters {@code from} (inclusive) to {@code to} of ASCII or Latin-1 bytes. */
    static double parse(byte[] s, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (s[i] == '-' || s[i] == '+')) {
            negative = s[i] == '-';
            i++;
        }
        int start = i;
        while (i < to && s[i] == '0') {
            i++; // leading zeros are not significant
        }
        int significant = i;
        long w = 0;
        while (i + 8 <= to && isEightDigits(s, i)) {
            w = w * 100_000_000L + eightDigits(s, i);
            i += 8;
        }
        while (i < to && isDigit(s[i])) {
            w = w * 10 + (s[i++] - '0');
        }
        int digits = i - significant;
        int integerEnd = i;
        int exponent = 0;
        if (i < to && s[i] == '.') {
            i++;
            int fraction = i;
            significant = i;
            if (digits == 0) {
                while (i < to && s[i] == '0') {
                    i++; // zeros right after the point only move the exponent
                }
                significant = i;
            }
            while (i + 8 <= to && isEightDigits(s, i)) {
                w = w * 100_000_000L + eightDigits(s, i);
                i += 8;
            }
            while (i < to && isDigit(s[i])) {
                w = w * 10 + (s[i++] - '0');
            }
            digits += i - significant;
            exponent = fraction - i;
            if (i == fraction && integerEnd == start) {
                return Double.NaN; // neither integer nor fraction digits
            }
        } else if (integerEnd == start) {
            return Double.NaN;
        }
        if (i < to && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (s[i] == '-' || s[i] == '+')) {
                negativeExponent = s[i] == '-';
                i++;
            }
            int e = 0;
            int exponentStart = i;
            while (i < to && isDigit(s[i])) {
                if (e < 100_000) {
                    e = e * 10 + (s[i] - '0');
                }
                i++;
            }
            if (i == exponentStart) {
                return Double.NaN;
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != to) {
            return Double.NaN;
        }
        if (digits == 0) {
            return negative ? -0.0 : 0.0;
        }
        double v = digits > MAX_DIGITS ? Double.NaN : toDouble(w, exponent);
        if (Double.isNaN(v)) {
            return Double.parseDouble(new String(s, from, to - from, StandardCharsets.ISO_8859_1));
        }
        return negative ? -v : v;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Whether the eight bytes at {@code at} are all ASCII digits (one test for the eight). */
    private static boolean isEightDigits(byte[] s, int at) {
        long v = (long) LITTLE_ENDIAN_LONG.get(s, at);
        return ((v & 0xF0F0F0F0F0F0F0F0L) | (((v + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4)) == 0x3333333333333333L;
    }

    /** The value of eight ASCII digits at {@code at}, the first the most significant (three multiplications, not eight). */
    private static long eightDigits(byte[] s, int at) {
        long v = (long) LITTLE_ENDIAN_LONG.get(s, at) - 0x3030303030303030L;
        v = v * 10 + (v >>> 8);
        return (((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32)))
                + (((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32)))) >>> 32;
    }

    /** {@code w × 10^q} correctly rounded, or {@code NaN} where this class leaves it to the JDK; {@code w > 0}. */
    static double toDouble(long w, int q) {
        if (w > 0 && w <= 1L << 53 && q >= -22 && q <= 22) {
            return q < 0 ? w / POWERS_OF_TEN[-q] : w * POWERS_OF_TEN[q]; // both exact, so one rounding
        }
        if (q < SMALLEST_POWER || q > LARGEST_POWER) {
            return Double.NaN;
        }
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        int index = 2 * (q - SMALLEST_POWER);
        long high = unsignedMultiplyHigh(w, POWERS_OF_FIVE[index]);
        long low = w * POWERS_OF_FIVE[index];
        if ((high & 0x1FF) == 0x1FF) { // the first product may be short of 55 exact bits: add the next 64 bits of 5^q
            long secondHigh = unsignedMultiplyHigh(w, POWERS_OF_FIVE[index + 1]);
            low += secondHigh;
            if (Long.compareUnsigned(secondHigh, low) > 0) {
                high++;
            }
        }
        int upperBit = (int) (high >>> 63);
        int shift = upperBit + 9;
        long mantissa = high >>> shift;
        int power2 = (int) (((152_170L + 65_536L) * q) >> 16) + 63 + upperBit - lz + 1023;
        if (power2 <= 0) {
            return Double.NaN; // subnormal
        }
        if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && (mantissa << shift) == high) {
            mantissa &= ~1L; // exactly halfway: round to even, not up
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= 2L << 52) {
            mantissa = 1L << 52;
            power2++;
        }
        if (power2 >= 0x7FF) {
            return Double.NaN; // overflow
        }
        return Double.longBitsToDouble((mantissa & ~(1L << 52)) | (long) power2 << 52);
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static long[] powersOfFive() {
        long[] table = new long[2 * (LARGEST_POWER - SMALLEST_POWER + 1)];
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        BigInteger two127 = BigInteger.ONE.shiftLeft(127);
        for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
            BigInteger c;
            if (q < 0) {
                BigInteger power5 = BigInteger.valueOf(5).pow(-q);
                int z = power5.subtract(BigInteger.ONE).bitLength(); // smallest z with 2^z >= 5^-q
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = BigInteger.ONE.shiftLeft(b).divide(power5).add(BigInteger.ONE);
                if (c.bitLength() > 128) { // keep the top 128 bits: one shift, as the halving of old did bit by bit
                    c = c.shiftRight(c.bitLength() - 128);
                }
            } else {
                c = BigInteger.valueOf(5).pow(q);
                if (c.compareTo(two127) < 0) {
                    c = c.shiftLeft(127 - c.bitLength() + 1);
                }
                if (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(c.bitLength() - 128);
                }
            }
            int at = 2 * (q - SMALLEST_POWER);
            table[at] = c.shiftRight(64).longValue();
            table[at + 1] = c.longValue();
        }
        return table;
    }
}
