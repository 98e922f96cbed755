package dev.vigil.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** FastDecimal gives exactly what Double.parseDouble gives, bit for bit, on every plain decimal number. */
class FastDecimalTest {
    private static void same(String s) {
        assertThat(Double.doubleToRawLongBits(FastDecimal.parse(s))).as(s)
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
    }

    @Test
    void edgeCases() {
        for (String s : new String[] {"0", "-0", "+0.0", "-0.0e5", "000", ".5", "5.", "-.5e-1", "1e-3", "1E3", "007.50",
            "9007199254740992", "9007199254740993", "9007199254740993.0000000001", "9007199254740992.5", "4503599627370497.5",
            "2.2250738585072014E-308", "2.2250738585072011e-308", "4.9e-324", "2.4703282292062327e-324", "1e-400",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "1e100000000000",
            "1e23", "8.41e21", "7.038531e-26", "123456789012345678901234567890", "0.1234567890123456789012345",
            "9999999999999999999", "10000000000000000000", "18446744073709551615", "18446744073709551616",
            "0.30000000000000004", "2.718281828459045", "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124", "3.0517578125e-05", "1e22", "1e-22", "9e22"}) {
            same(s);
        }
    }

    @Test
    void shortestRepresentationsOfRandomDoubles() {
        Random random = new Random(11);
        for (int i = 0; i < 300_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                same(Double.toString(d));
                same(String.format(Locale.ROOT, "%.17g", d).strip());
            }
            same(Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)));
        }
    }

    @Test
    void randomDigitStringsWithEveryExponent() {
        Random random = new Random(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300_000; i++) {
            sb.setLength(0);
            if (random.nextBoolean()) {
                sb.append('-');
            }
            int digits = 1 + random.nextInt(random.nextBoolean() ? 19 : 30);
            int point = random.nextInt(digits + 1);
            for (int k = 0; k < digits; k++) {
                if (k == point) {
                    sb.append('.');
                }
                sb.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                sb.append('e').append(random.nextInt(700) - 350);
            }
            same(sb.toString());
        }
    }

    @Test
    void anythingButAPlainNumberIsNaN() {
        for (String s : new String[] {"", "-", "+", ".", "-.", "e5", "1e", "1e+", ".e1", " 1", "1 ", "1,5", "0x10", "Infinity",
            "-Infinity", "NaN", "1d", "1f", "--1", "1.2.3", "1e5.5", "١٢", "12%", "1_000"}) {
            assertThat(FastDecimal.parse(s)).as("'%s'", s).isNaN();
        }
    }
}
