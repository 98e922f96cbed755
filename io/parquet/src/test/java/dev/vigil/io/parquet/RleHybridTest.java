package dev.vigil.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/** Checks the bulk decoder against parquet-java's own encoder. */
class RleHybridTest {
    @Test
    void decodesWhatParquetEncodesForEveryBitWidth() throws IOException {
        Random random = new Random(3);
        for (int bitWidth = 1; bitWidth <= 32; bitWidth++) {
            int[] values = new int[5000];
            for (int i = 0; i < values.length; i++) {
                // stretches of repeats (RLE runs) between stretches of noise (bit-packed groups)
                int bound = bitWidth >= 31 ? Integer.MAX_VALUE : 1 << bitWidth;
                values[i] = (i / 300) % 2 == 0 ? (i / 600) % bound : random.nextInt(bound);
            }
            int[] decoded = new int[values.length];
            RleHybrid.decode(encode(bitWidth, values), bitWidth, decoded, values.length);
            assertThat(decoded).as("bit width %d", bitWidth).containsExactly(values);
        }
    }

    @Test
    void aSingleRunIsReportedAsUniform() throws IOException {
        int[] ones = new int[1000];
        Arrays.fill(ones, 1);
        int[] out = new int[1000];
        assertThat(RleHybrid.decode(encode(1, ones), 1, out, 1000)).isTrue();
        assertThat(out).containsOnly(1);
        int[] mixed = ones.clone();
        mixed[500] = 0;
        assertThat(RleHybrid.decode(encode(1, mixed), 1, out, 1000)).isFalse();
        assertThat(out).containsExactly(mixed);
    }

    @Test
    void dataEndingEarlyIsAnError() throws IOException {
        ByteBuffer data = encode(3, new int[] {1, 2, 3});
        assertThatThrownBy(() -> RleHybrid.decode(data, 3, new int[100], 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RLE data end after 8 of 100 values");
    }

    private static ByteBuffer encode(int bitWidth, int[] values) throws IOException {
        RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20,
                new HeapByteBufferAllocator());
        for (int v : values) {
            encoder.writeInt(v);
        }
        return ByteBuffer.wrap(encoder.toBytes().toByteArray());
    }
}
