package dev.vigil.io.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The data pages of one flat column chunk, one at a time, decoded as far as is common to every
 * column: which rows hold a value, and where the values are. The hot cases are decoded in bulk:
 * definition levels in RLE, values PLAIN-encoded fixed-width numbers (left in a little-endian buffer
 * for the caller to copy out) and dictionary indices (into an {@code int[]}); every other encoding is
 * handed to parquet-java's {@link ValuesReader}.
 *
 * <p>Parquet's own column readers go through several virtual calls and a stream read per value;
 * this is several times faster for the tables Vigil reads. Not thread-safe: one per column chunk.
 */
final class ColumnPages {
    /** How the non-null values of the current page are stored. */
    enum Mode {
        /** Fixed-width little-endian values in {@link #plain()}. */
        PLAIN,
        /** Indices into {@link #dictionary()} in {@link #ids()}. */
        DICTIONARY,
        /** Anything else, through parquet-java's {@link ValuesReader}. */
        READER
    }

    private final ColumnDescriptor column;
    private final PageReader pages;
    private final int maxDefinition;
    private final Dictionary dictionary;
    private int[] levels = new int[0];
    private boolean[] present = new boolean[0];
    private int[] ids = new int[0];
    private int count;
    private int nonNull;
    private boolean allPresent;
    private Mode mode;
    private ByteBuffer plain;
    private ValuesReader reader;

    ColumnPages(ColumnDescriptor column, PageReader pages) {
        this.column = column;
        this.pages = pages;
        this.maxDefinition = column.getMaxDefinitionLevel();
        DictionaryPage page = pages.readDictionaryPage();
        try {
            this.dictionary = page == null ? null : page.getEncoding().initDictionary(column, page);
        } catch (IOException e) {
            throw new ParquetDecodingException("cannot read the dictionary page", e);
        }
    }

    /** Moves to the next data page; false when there is none. */
    boolean next() {
        DataPage page = pages.readPage();
        if (page == null) {
            return false;
        }
        count = page.getValueCount();
        try {
            if (page instanceof DataPageV1 v1) {
                ByteBufferInputStream in = v1.getBytes().toInputStream();
                readLevels(v1.getDlEncoding(), in);
                readValues(v1.getValueEncoding(), in);
            } else {
                DataPageV2 v2 = (DataPageV2) page;
                if (maxDefinition > 0) {
                    decodeLevels(buffer(v2.getDefinitionLevels()));
                } else {
                    markAllPresent();
                }
                readValues(v2.getDataEncoding(), v2.getData().toInputStream());
            }
        } catch (IOException e) {
            throw new ParquetDecodingException("cannot read a data page", e);
        }
        return true;
    }

    /** Values (rows) in the current page, nulls included. */
    int count() {
        return count;
    }

    /** Non-null values in the current page. */
    int nonNull() {
        return nonNull;
    }

    /** Whether every row of the current page holds a value. */
    boolean allPresent() {
        return allPresent;
    }

    /** Whether row {@code i} of the current page holds a value (only meaningful when not {@link #allPresent()}). */
    boolean present(int i) {
        return present[i];
    }

    Mode mode() {
        return mode;
    }

    /** The PLAIN values, little-endian, positioned at the first (when the mode is {@link Mode#PLAIN}). */
    ByteBuffer plain() {
        return plain;
    }

    /** The dictionary indices of the non-null values (when the mode is {@link Mode#DICTIONARY}). */
    int[] ids() {
        return ids;
    }

    /** The column chunk's dictionary, or {@code null}. */
    Dictionary dictionary() {
        return dictionary;
    }

    /** The non-null values of the current page, in order, whatever the mode; read each once. */
    ValuesReader values() {
        return switch (mode) {
            case PLAIN -> new PlainValues(plain);
            case DICTIONARY -> new DictionaryValues(dictionary, ids);
            case READER -> reader;
        };
    }

    /** Every entry of a dictionary, in the order of their indices. */
    static ValuesReader entries(Dictionary dictionary) {
        int[] all = new int[dictionary.getMaxId() + 1];
        Arrays.setAll(all, id -> id);
        return new DictionaryValues(dictionary, all);
    }

    /**
     * Moves to the next data page of a chunk of {@code n} rows of which {@code done} are read.
     *
     * @return the rows of the page
     * @throws ParquetDecodingException if the chunk ends early or the page holds more rows than are left
     */
    int nextPage(int done, int n) {
        if (!next()) {
            throw new ParquetDecodingException("the column chunk ends after " + done + " of its " + n + " rows");
        }
        if (count > n - done) {
            throw new ParquetDecodingException("a page holds " + count + " values where " + (n - done) + " rows are left");
        }
        return count;
    }

    /** PLAIN fixed-width numbers, read in place. */
    private static final class PlainValues extends ValuesReader {
        private final ByteBuffer buffer;
        private int at;

        PlainValues(ByteBuffer buffer) {
            this.buffer = buffer;
            this.at = buffer.position();
        }

        @Override
        public int readInteger() {
            int v = buffer.getInt(at);
            at += 4;
            return v;
        }

        @Override
        public long readLong() {
            long v = buffer.getLong(at);
            at += 8;
            return v;
        }

        @Override
        public float readFloat() {
            float v = buffer.getFloat(at);
            at += 4;
            return v;
        }

        @Override
        public double readDouble() {
            double v = buffer.getDouble(at);
            at += 8;
            return v;
        }

        @Override
        public void skip() {
            throw new UnsupportedOperationException("read in order");
        }
    }

    /** Dictionary entries by the indices decoded in bulk. */
    private static final class DictionaryValues extends ValuesReader {
        private final Dictionary dictionary;
        private final int[] ids;
        private int k;

        DictionaryValues(Dictionary dictionary, int[] ids) {
            this.dictionary = dictionary;
            this.ids = ids;
        }

        @Override
        public boolean readBoolean() {
            return dictionary.decodeToBoolean(ids[k++]);
        }

        @Override
        public int readInteger() {
            return dictionary.decodeToInt(ids[k++]);
        }

        @Override
        public long readLong() {
            return dictionary.decodeToLong(ids[k++]);
        }

        @Override
        public float readFloat() {
            return dictionary.decodeToFloat(ids[k++]);
        }

        @Override
        public double readDouble() {
            return dictionary.decodeToDouble(ids[k++]);
        }

        @Override
        public Binary readBytes() {
            return dictionary.decodeToBinary(ids[k++]);
        }

        @Override
        public void skip() {
            k++;
        }
    }

    private void readLevels(Encoding encoding, ByteBufferInputStream in) throws IOException {
        if (maxDefinition == 0) {
            markAllPresent();
        } else if (encoding == Encoding.RLE) {
            int length = BytesUtils.readIntLittleEndian(in);
            decodeLevels(in.slice(length));
        } else {
            ValuesReader levelReader = encoding.getValuesReader(column, ValuesType.DEFINITION_LEVEL);
            levelReader.initFromPage(count, in);
            ensureLevels();
            for (int i = 0; i < count; i++) {
                levels[i] = levelReader.readInteger();
            }
            presence();
        }
    }

    private void decodeLevels(ByteBuffer data) {
        ensureLevels();
        boolean uniform = RleHybrid.decode(data, BytesUtils.getWidthFromMaxInt(maxDefinition), levels, count);
        if (uniform && levels[0] == maxDefinition) {
            markAllPresent();
        } else {
            presence();
        }
    }

    private void ensureLevels() {
        if (levels.length < count) {
            levels = new int[count];
            present = new boolean[count];
        }
    }

    private void presence() {
        nonNull = 0;
        for (int i = 0; i < count; i++) {
            boolean p = levels[i] == maxDefinition;
            present[i] = p;
            nonNull += p ? 1 : 0;
        }
        allPresent = nonNull == count;
    }

    private void markAllPresent() {
        allPresent = true;
        nonNull = count;
    }

    private void readValues(Encoding encoding, ByteBufferInputStream in) throws IOException {
        PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
        boolean fixedWidth = type == PrimitiveTypeName.DOUBLE || type == PrimitiveTypeName.INT64
                || type == PrimitiveTypeName.FLOAT || type == PrimitiveTypeName.INT32;
        if (encoding == Encoding.PLAIN && fixedWidth) {
            mode = Mode.PLAIN;
            plain = in.slice(in.available()).order(ByteOrder.LITTLE_ENDIAN);
        } else if (encoding.usesDictionary()) {
            if (dictionary == null) {
                throw new ParquetDecodingException("a dictionary-encoded page in a column chunk without a dictionary");
            }
            mode = Mode.DICTIONARY;
            ByteBuffer data = in.slice(in.available());
            int bitWidth = data.get() & 0xff;
            if (ids.length < nonNull) {
                ids = new int[Math.max(nonNull, count)];
            }
            if (bitWidth == 0) {
                Arrays.fill(ids, 0, nonNull, 0);
            } else {
                RleHybrid.decode(data, bitWidth, ids, nonNull);
            }
        } else {
            mode = Mode.READER;
            reader = encoding.getValuesReader(column, ValuesType.VALUES);
            reader.initFromPage(count, in);
        }
    }

    private static ByteBuffer buffer(BytesInput bytes) throws IOException {
        return bytes.toInputStream().slice((int) bytes.size());
    }
}
