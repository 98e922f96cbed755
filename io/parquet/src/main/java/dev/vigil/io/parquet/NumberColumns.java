package dev.vigil.io.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;

/**
 * Decodes a numeric Parquet column chunk straight into a {@code double[]}: one loop per stored
 * type, no boxing; a null becomes {@code NaN}.
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

    /** Reads the next {@code n} values of {@code r} into {@code out} from {@code at}. */
    static void read(ColumnReader r, ParquetField field, double[] out, int at, int n) {
        int present = r.getDescriptor().getMaxDefinitionLevel();
        int end = at + n;
        switch (field.number()) {
            case DOUBLE -> {
                for (int i = at; i < end; i++) {
                    out[i] = r.getCurrentDefinitionLevel() == present ? r.getDouble() : Double.NaN;
                    r.consume();
                }
            }
            case FLOAT -> {
                for (int i = at; i < end; i++) {
                    out[i] = r.getCurrentDefinitionLevel() == present ? r.getFloat() : Double.NaN;
                    r.consume();
                }
            }
            case INT32 -> {
                for (int i = at; i < end; i++) {
                    out[i] = r.getCurrentDefinitionLevel() == present ? r.getInteger() : Double.NaN;
                    r.consume();
                }
            }
            case UINT32 -> {
                for (int i = at; i < end; i++) {
                    out[i] = r.getCurrentDefinitionLevel() == present ? Integer.toUnsignedLong(r.getInteger()) : Double.NaN;
                    r.consume();
                }
            }
            case INT64 -> {
                for (int i = at; i < end; i++) {
                    out[i] = r.getCurrentDefinitionLevel() == present ? r.getLong() : Double.NaN;
                    r.consume();
                }
            }
            case UINT64 -> {
                for (int i = at; i < end; i++) {
                    out[i] = r.getCurrentDefinitionLevel() == present ? unsigned(r.getLong()) : Double.NaN;
                    r.consume();
                }
            }
            case BOOLEAN -> {
                for (int i = at; i < end; i++) {
                    out[i] = r.getCurrentDefinitionLevel() == present ? (r.getBoolean() ? 1 : 0) : Double.NaN;
                    r.consume();
                }
            }
            case DECIMAL_INT32 -> {
                int scale = field.scale();
                for (int i = at; i < end; i++) {
                    out[i] = r.getCurrentDefinitionLevel() == present ? decimal(r.getInteger(), scale) : Double.NaN;
                    r.consume();
                }
            }
            case DECIMAL_INT64 -> {
                int scale = field.scale();
                for (int i = at; i < end; i++) {
                    out[i] = r.getCurrentDefinitionLevel() == present ? decimal(r.getLong(), scale) : Double.NaN;
                    r.consume();
                }
            }
            case DECIMAL_BINARY -> {
                int scale = field.scale();
                for (int i = at; i < end; i++) {
                    out[i] = r.getCurrentDefinitionLevel() == present ? decimal(r.getBinary(), scale) : Double.NaN;
                    r.consume();
                }
            }
        }
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
