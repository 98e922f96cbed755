package dev.vigil.io.parquet;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.lzo.LzoDecompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression in pure Java, so that reading and writing Parquet never loads a native library
 * nor a Hadoop codec: aircompressor for Snappy, Zstandard, LZ4 and LZO, {@code java.util.zip} for
 * gzip. Parquet's own {@code CodecFactory} would go through Hadoop's codec classes and the JNI
 * libraries snappy-java and zstd-jni.
 *
 * <p>Decompresses every codec of the format except Brotli; compresses Snappy (what Vigil writes, as
 * Spark and DuckDB do by default) and nothing. Each call returns a fresh (de)compressor, so
 * concurrent column readers never share state.
 */
final class PureJavaCodecs implements CompressionCodecFactory {
    private static final ByteBufferAllocator HEAP = new HeapByteBufferAllocator();

    /** Codecs whose pages this factory can decompress. */
    static final Set<CompressionCodecName> READABLE = EnumSet.complementOf(EnumSet.of(CompressionCodecName.BROTLI));

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Compressor(codec);
            case SNAPPY -> new Compressor(codec);
            default -> throw new IllegalArgumentException("Vigil writes Parquet pages uncompressed or with Snappy, not " + codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (!READABLE.contains(codec)) {
            throw new IllegalArgumentException("Parquet pages compressed with " + codec + " cannot be read; readable: " + READABLE);
        }
        return new Decompression(codec);
    }

    @Override
    public void release() {
        // nothing pooled
    }

    /** The bytes in a heap buffer, without a copy when they are in one already. */
    private static ByteBuffer heap(BytesInput bytes) {
        ByteBuffer b = bytes.toByteBuffer(HEAP, unused -> {
        });
        if (b.hasArray()) {
            return b;
        }
        ByteBuffer copy = ByteBuffer.allocate(b.remaining());
        copy.put(b).flip();
        return copy;
    }

    private static final class Compressor implements BytesInputCompressor {
        private final CompressionCodecName codec;
        private final SnappyCompressor snappy = new SnappyCompressor();
        private byte[] buffer = new byte[0];

        Compressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            ByteBuffer in = heap(bytes);
            int max = snappy.maxCompressedLength(in.remaining());
            if (buffer.length < max) {
                buffer = new byte[max];
            }
            int n = snappy.compress(in.array(), in.arrayOffset() + in.position(), in.remaining(), buffer, 0, max);
            return BytesInput.from(buffer, 0, n);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            buffer = new byte[0];
        }
    }

    private static final class Decompression implements BytesInputDecompressor {
        private final CompressionCodecName codec;

        Decompression(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            ByteBuffer in = heap(bytes);
            return BytesInput.from(decompress(in.array(), in.arrayOffset() + in.position(), in.remaining(), decompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize) throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(codec == CompressionCodecName.UNCOMPRESSED ? in : decompress(in, 0, compressedSize, decompressedSize));
        }

        private byte[] decompress(byte[] in, int offset, int length, int size) throws IOException {
            byte[] out = new byte[size];
            int n = switch (codec) {
                case SNAPPY -> new SnappyDecompressor().decompress(in, offset, length, out, 0, size);
                case ZSTD -> new ZstdDecompressor().decompress(in, offset, length, out, 0, size);
                case LZ4_RAW -> new Lz4Decompressor().decompress(in, offset, length, out, 0, size);
                case LZ4 -> hadoopBlocks(new Lz4Decompressor(), in, offset, length, out);
                case LZO -> hadoopBlocks(new LzoDecompressor(), in, offset, length, out);
                case GZIP -> gunzip(in, offset, length, out);
                default -> throw new IllegalStateException("unreadable codec " + codec);
            };
            if (n != size) {
                throw new IOException(codec + " page decompressed to " + n + " bytes; the page header says " + size);
            }
            return out;
        }

        private static int gunzip(byte[] in, int offset, int length, byte[] out) throws IOException {
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in, offset, length), 1 << 16)) {
                return gz.readNBytes(out, 0, out.length);
            }
        }

        /**
         * Hadoop's block framing, which Parquet's LZ4 and LZO codecs use: blocks of a big-endian
         * uncompressed length followed by chunks of a big-endian compressed length and the data. Some
         * writers put a bare LZ4 block instead, so a page that is not framed is read as one.
         */
        private static int hadoopBlocks(Decompressor d, byte[] in, int offset, int length, byte[] out) {
            int end = offset + length;
            int pos = offset;
            int written = 0;
            try {
                while (pos + 8 <= end) {
                    int blockSize = bigEndianInt(in, pos);
                    pos += 4;
                    int blockEnd = written + blockSize;
                    if (blockSize < 0 || blockEnd > out.length) {
                        throw new IllegalArgumentException("not framed");
                    }
                    while (written < blockEnd) {
                        int chunk = bigEndianInt(in, pos);
                        pos += 4;
                        if (chunk < 0 || pos + chunk > end) {
                            throw new IllegalArgumentException("not framed");
                        }
                        written += d.decompress(in, pos, chunk, out, written, blockEnd - written);
                        pos += chunk;
                    }
                }
                if (pos == end && written == out.length) {
                    return written;
                }
            } catch (RuntimeException notFramed) {
                // fall through to a bare block
            }
            return d.decompress(in, offset, length, out, 0, out.length);
        }

        private static int bigEndianInt(byte[] b, int at) {
            return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
        }

        @Override
        public void release() {
            // nothing held
        }
    }
}
