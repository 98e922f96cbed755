package dev.vigil.spark;

import dev.vigil.evaluation.window.WindowModel;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The models of a {@link FleetStream}, as the driver hands them to the executors (one broadcast: asset → model file
 * bytes, or why there is none), and read once per executor JVM: a small cache keyed by the file's SHA-256, so that
 * a micro-batch reads no model file it read before, and assets sharing a model share one instance.
 */
final class FleetStreamModels {
    /** How many models one executor JVM keeps read; the least recently used goes first. */
    static final int CACHE_SIZE = 4096;
    private static final Map<String, WindowModel> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WindowModel> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private static final AtomicLong READS = new AtomicLong();

    private FleetStreamModels() {
    }

    /**
     * One asset's entry of the broadcast: its model file and the file's digest, or ({@code file} null) why it has no
     * model.
     */
    record Entry(String digest, byte[] file, String error) implements Serializable {
        static Entry of(byte[] file) {
            return new Entry(sha256(file), file, null);
        }

        static Entry failed(String error) {
            return new Entry(null, null, error);
        }
    }

    /** The asset's model, read from its file on first use in this JVM. */
    static WindowModel model(String asset, Entry entry) {
        synchronized (CACHE) {
            WindowModel m = CACHE.get(entry.digest());
            if (m != null) {
                return m;
            }
        }
        WindowModel m = WindowModel.read(entry.file(), "the model of asset '" + asset + "'", AssetJobs.registry());
        READS.incrementAndGet();
        synchronized (CACHE) {
            CACHE.putIfAbsent(entry.digest(), m);
            return CACHE.get(entry.digest());
        }
    }

    /** How many model files this JVM has read (for tests and metrics). */
    static long reads() {
        return READS.get();
    }

    /** Forgets every model read (for tests). */
    static void clear() {
        synchronized (CACHE) {
            CACHE.clear();
        }
    }

    static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
