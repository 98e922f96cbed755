package dev.vigil.io.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.api.Binary;

/**
 * Decodes a numeric Parquet column chunk straight into a {@code double[]}, page by page, without
 * boxing: PLAIN doubles are one bulk copy, a dictionary is converted once and then looked up; a null
 * becomes {@code NaN}.
 *
 * <p>Integers become the nearest double (exact up to 2<sup>53</sup>), unsigned ones read as unsigned;
 * a DECIMAL becomes the double nearest to its exact value; BOOLEAN becomes 1 or 0.
 */
final class NumberColumns {
    private static final double[] POWERS_OF_TEN = new double[23];
    private static final long EXACT_LIMIT = 1L << 53;

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private NumberColumns() {
    }

    /**
     * Reads the {@code n} values of a column chunk into {@code out} from {@code at}.
     *
     * @throws org.apache.parquet.io.ParquetDecodingException if the pages do not hold {@code n} values
     */
    static void read(ColumnPages pages, ParquetField field, double[] out, int at, int n) {
        int end = at + n;
        int row = at;
        double[] table = null;
        double[] values = new double[0];
        while (row < end) {
            int count = pages.nextPage(row - at, n);
            boolean dense = pages.allPresent();
            double[] target = dense ? out : (values = values.length >= count ? values : new double[count]);
            int offset = dense ? row : 0;
            int m = pages.nonNull();
            if (pages.mode() == ColumnPages.Mode.PLAIN && field.number() == ParquetField.NumberKind.DOUBLE) {
                pages.plain().asDoubleBuffer().get(target, offset, m);
            } else if (pages.mode() == ColumnPages.Mode.DICTIONARY) {
                if (table == null) {
                    table = table(pages.dictionary(), field);
                }
                int[] ids = pages.ids();
                for (int k = 0; k < m; k++) {
                    target[offset + k] = table[ids[k]];
                }
            } else {
                ValuesReader v = pages.values();
                for (int k = 0; k < m; k++) {
                    target[offset + k] = next(v, field);
                }
            }
            if (!dense) {
                for (int i = 0, k = 0; i < count; i++) {
                    out[row + i] = pages.present(i) ? values[k++] : Double.NaN;
                }
            }
            row += count;
        }
    }

    /** Every dictionary entry as a double, so that a dictionary-encoded page is one lookup per row. */
    private static double[] table(Dictionary dictionary, ParquetField field) {
        double[] table = new double[dictionary.getMaxId() + 1];
        ValuesReader v = ColumnPages.entries(dictionary);
        for (int id = 0; id < table.length; id++) {
            table[id] = next(v, field);
        }
        return table;
    }

    /** The next value as a double. */
    private static double next(ValuesReader v, ParquetField field) {
        return switch (field.number()) {
            case DOUBLE -> v.readDouble();
            case FLOAT -> v.readFloat();
            case INT32 -> v.readInteger();
            case UINT32 -> Integer.toUnsignedLong(v.readInteger());
            case INT64 -> v.readLong();
            case UINT64 -> unsigned(v.readLong());
            case BOOLEAN -> v.readBoolean() ? 1 : 0;
            case DECIMAL_INT32 -> decimal(v.readInteger(), field.scale());
            case DECIMAL_INT64 -> decimal(v.readLong(), field.scale());
            case DECIMAL_BINARY -> decimal(v.readBytes(), field.scale());
        };
    }

    /** An unsigned 64-bit integer as the nearest double. */
    static double unsigned(long v) {
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }

    /** {@code unscaled / 10^scale}, correctly rounded. */
    static double decimal(long unscaled, int scale) {
        if (scale < POWERS_OF_TEN.length && unscaled > -EXACT_LIMIT && unscaled < EXACT_LIMIT) {
            return unscaled / POWERS_OF_TEN[scale]; // both exact, so the quotient is correctly rounded
        }
        return BigDecimal.valueOf(unscaled, scale).doubleValue();
    }

    /** A big-endian two's-complement unscaled value (FIXED_LEN_BYTE_ARRAY or BINARY DECIMAL). */
    static double decimal(Binary value, int scale) {
        byte[] bytes = value.getBytesUnsafe();
        if (bytes.length == 0) {
            return 0;
        }
        if (bytes.length <= 8) {
            long v = bytes[0]; // sign-extended
            for (int k = 1; k < bytes.length; k++) {
                v = (v << 8) | (bytes[k] & 0xff);
            }
            return decimal(v, scale);
        }
        return new BigDecimal(new BigInteger(bytes), scale).doubleValue();
    }
}
