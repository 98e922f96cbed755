package dev.vigil.io.parquet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bulk decoder of Parquet's RLE / bit-packing hybrid encoding, used for definition levels and
 * dictionary indices: runs of {@code varint header}, then either one repeated value (header's low bit
 * 0, count = header / 2) or {@code header / 2} groups of eight bit-packed values, least significant bit
 * first. Decodes a whole page into an {@code int[]} at once instead of one call per value; a run of
 * one repeated value (the usual definition levels of a column without nulls) is a single fill.
 */
final class RleHybrid {
    private RleHybrid() {
    }

    /**
     * Decodes {@code count} values of {@code bitWidth} bits from {@code in} (from its position, which
     * is advanced) into {@code out}.
     *
     * @return whether the values came from a single run of one value (then {@code out[0]} is that value)
     * @throws IllegalArgumentException if the data end before {@code count} values
     */
    static boolean decode(ByteBuffer in, int bitWidth, int[] out, int count) {
        int runs = 0;
        int n = 0;
        int valueBytes = (bitWidth + 7) / 8;
        while (n < count) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException("RLE data end after " + n + " of " + count + " values");
            }
            int header = readUnsignedVarInt(in);
            runs++;
            if ((header & 1) == 0) {
                int run = header >>> 1;
                int value = 0;
                for (int b = 0; b < valueBytes; b++) {
                    value |= (in.get() & 0xff) << (8 * b);
                }
                int end = Math.min(count, n + run);
                Arrays.fill(out, n, end, value);
                n = end;
            } else {
                int values = (header >>> 1) * 8;
                long buffer = 0;
                int bits = 0;
                int mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
                int bytes = (header >>> 1) * bitWidth;
                for (int k = 0; k < values; k++) {
                    while (bits < bitWidth) {
                        buffer |= (long) (in.get() & 0xff) << bits;
                        bits += 8;
                        bytes--;
                    }
                    if (n < count) {
                        out[n++] = (int) (buffer & mask);
                    }
                    buffer >>>= bitWidth;
                    bits -= bitWidth;
                }
                in.position(in.position() + bytes); // padding of the last group, if any
                runs++; // never uniform
            }
        }
        return runs == 1;
    }

    private static int readUnsignedVarInt(ByteBuffer in) {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = in.get() & 0xff;
            value |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }
}
