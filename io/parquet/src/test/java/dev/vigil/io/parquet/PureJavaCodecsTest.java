package dev.vigil.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlift.compress.Compressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lzo.LzoCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/** The codecs DuckDB does not cover: Hadoop-framed LZ4 and LZO, and both decompression entry points. */
class PureJavaCodecsTest {
    private final PureJavaCodecs codecs = new PureJavaCodecs();
    private final byte[] page = page();

    private static byte[] page() {
        byte[] b = new byte[100_000];
        Random random = new Random(5);
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 1000 < 500 ? i % 7 : random.nextInt(256));
        }
        return b;
    }

    @Test
    void hadoopFramedLz4AndLzoInSeveralBlocks() throws IOException {
        for (CompressionCodecName codec : new CompressionCodecName[] {CompressionCodecName.LZ4, CompressionCodecName.LZO}) {
            Compressor compressor = codec == CompressionCodecName.LZ4 ? new Lz4Compressor() : new LzoCompressor();
            byte[] framed = hadoopFrames(compressor, page, 30_000);
            assertThat(decompress(codec, framed)).as(codec.name()).isEqualTo(page);
        }
    }

    @Test
    void anUnframedLz4BlockIsReadToo() throws IOException {
        byte[] raw = compress(new Lz4Compressor(), page, 0, page.length);
        assertThat(decompress(CompressionCodecName.LZ4, raw)).isEqualTo(page);
    }

    @Test
    void snappyRoundTripsThroughBothEntryPoints() throws IOException {
        BytesInput compressed = codecs.getCompressor(CompressionCodecName.SNAPPY).compress(BytesInput.from(page));
        byte[] bytes = compressed.toByteBuffer(new org.apache.parquet.bytes.HeapByteBufferAllocator(), b -> {
        }).array();
        byte[] snappy = Arrays.copyOf(bytes, (int) compressed.size());
        assertThat(decompress(CompressionCodecName.SNAPPY, snappy)).isEqualTo(page);
        ByteBuffer out = ByteBuffer.allocate(page.length);
        codecs.getDecompressor(CompressionCodecName.SNAPPY).decompress(ByteBuffer.wrap(snappy), snappy.length, out, page.length);
        assertThat(out.array()).isEqualTo(page);
    }

    @Test
    void gzipAndUncompressed() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(page);
        }
        assertThat(decompress(CompressionCodecName.GZIP, gz.toByteArray())).isEqualTo(page);
        assertThat(decompress(CompressionCodecName.UNCOMPRESSED, page)).isEqualTo(page);
    }

    @Test
    void aWrongSizeAndBrotliAreErrors() {
        byte[] raw = compress(new Lz4Compressor(), page, 0, page.length);
        assertThatThrownBy(() -> codecs.getDecompressor(CompressionCodecName.LZ4_RAW).decompress(BytesInput.from(raw), page.length + 1))
                .hasMessageContaining("page header says " + (page.length + 1));
        assertThat(PureJavaCodecs.READABLE).doesNotContain(CompressionCodecName.BROTLI);
        assertThatThrownBy(() -> codecs.getDecompressor(CompressionCodecName.BROTLI)).isInstanceOf(IllegalArgumentException.class);
    }

    private byte[] decompress(CompressionCodecName codec, byte[] data) throws IOException {
        BytesInput out = codecs.getDecompressor(codec).decompress(BytesInput.from(data), page.length);
        return out.toByteBuffer(new org.apache.parquet.bytes.HeapByteBufferAllocator(), b -> {
        }).array();
    }

    /** Hadoop's BlockCompressorStream layout: per block, its length, then chunks of length and data. */
    private static byte[] hadoopFrames(Compressor compressor, byte[] data, int blockSize) {
        ByteBuffer out = ByteBuffer.allocate(data.length * 2);
        for (int at = 0; at < data.length; at += blockSize) {
            int length = Math.min(blockSize, data.length - at);
            out.putInt(length);
            int half = length / 2;
            for (int[] chunk : new int[][] {{at, half}, {at + half, length - half}}) {
                byte[] c = compress(compressor, data, chunk[0], chunk[1]);
                out.putInt(c.length).put(c);
            }
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] compress(Compressor compressor, byte[] data, int at, int length) {
        byte[] out = new byte[compressor.maxCompressedLength(length)];
        int n = compressor.compress(data, at, length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }
}
