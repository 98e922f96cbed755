package dev.vigil.io.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.config.ConfigurationReader;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.spi.ErrorKind;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.Trials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the three readers of user files: the CSV reader, the configuration reader and the model
 * reader get thousands of seeded mutations of valid files (bytes flipped, inserted, deleted and
 * duplicated, lines swapped, tokens that have broken readers before spliced in; for JSON also values
 * of the wrong type or range put into the parsed tree, the model's checksum then written anew so that
 * the mutation reaches the model itself). Each must read the file or refuse it with Vigil's input
 * error ({@link VigilException} of kind {@link ErrorKind#USER_INPUT} or {@link ErrorKind#IO}); any
 * other exception is an internal error and fails the test with the seed that replays it. A model that
 * reads must also detect, or refuse, on data.
 *
 * <p>The counts here run in every build (a few seconds); the Maven profile {@code nightly} multiplies
 * them by the system property {@code vigil.fuzz.factor} (50), as does {@code -Dvigil.fuzz.factor=N}.
 */
class ReaderFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN = Path.of("src/test/resources/golden/model-v1");
    private static final String[] TOKENS = {"1e400", "-1e400", "1e300", "Infinity", "NaN", "\"", "\"\"", ",", ";", "\t", "\n", "\r", "\r\n",
        "#", "", "-", ".", "e", "99999999999999999999", "15778368000000000", "9223372036854775807", "-9223372036854775808",
        "2020-02-30", "2020-13-45 25:61:61", "1970-01-01", "+14:00", "Z", "\u00ff", "\u0000", "\uFEFF", "é", "\ud83d\ude00", "null",
        "true", "[]", "{}", "0", "-0", "1.7976931348623157E308", "4.9E-324", "PT0S", "P-1D", "PT1000000000000H", "+146140482-04-24T15:36:27Z"};
    private static final ZoneId[] ZONES = {ZoneOffset.UTC, ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"), ZoneOffset.ofHours(5)};
    private static byte[] modelFile;
    private static byte[] dataFile;
    private static Map<String, Object> modelTree;
    private static TimeFrame detectData;
    private static PluginRegistry registry;

    @BeforeAll
    static void seeds() throws IOException {
        modelFile = Files.readAllBytes(GOLDEN.resolve("model.json"));
        dataFile = Files.readAllBytes(GOLDEN.resolve("data.csv"));
        modelTree = JSON.readValue(modelFile, new TypeReference<LinkedHashMap<String, Object>>() { });
        registry = PluginRegistry.load();
        List<String> lines = List.of(new String(dataFile, StandardCharsets.UTF_8).split("\n"));
        Path small = Files.createTempFile("fuzz-detect", ".csv");
        try {
            Files.writeString(small, String.join("\n", lines.subList(0, 301)) + "\n");
            detectData = CsvReader.read(small, new JobLog());
        } finally {
            Files.delete(small);
        }
    }

    private static int tries(int ci) {
        return Trials.count(ci) * Integer.getInteger("vigil.fuzz.factor", 1);
    }

    /** Runs a read; fails on anything but success or Vigil's input error. */
    private static void mustReadOrRefuse(String what, ThrowingRunnable read) {
        try {
            read.run();
        } catch (VigilException e) {
            assertThat(e.kind()).as(what + " refused with %s: %s", e.code(), e.getMessage()).isIn(ErrorKind.USER_INPUT, ErrorKind.IO);
            assertThat(e.getMessage()).as(what + ": a message for people").isNotBlank().doesNotContain("Exception");
        } catch (Throwable t) {
            throw new AssertionError(what + ": internal error " + t, t);
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void csvFilesAreReadOrRefusedWithAMessage(@TempDir Path dir) {
        List<byte[]> seeds = List.of(head(dataFile, 60), csv("timestamp;a;b\n1583228220;1,5;x\n1583228280;2;y\n"),
                csv("time,kpi,\"quoted, name\"\n2020-03-29 01:30,1,\"a \"\"b\"\"\"\n2020-03-29 02:30,2,c\n2020-03-29 03:30,3,d\n"),
                csv("\uFEFFts\tv\n1583228220000\t1\n1583228280000\t2\n# comment\n\n1583228340000\t3\n"));
        AtomicInteger reads = new AtomicInteger();
        Trials.forAll(13_001L, tries(1500), random -> {
            byte[] bytes = mutate(random, Trials.oneOf(random, seeds), 1 + random.nextInt(6));
            boolean gz = random.nextInt(10) == 0;
            Path file = dir.resolve("fuzz" + (gz ? ".csv.gz" : ".csv"));
            Files.write(file, gz ? gzip(bytes, random) : bytes);
            ReadOptions options = ReadOptions.DEFAULT.withZone(Trials.oneOf(random, ZONES));
            if (random.nextInt(4) == 0) {
                options = options.withTimestampColumn(Trials.oneOf(random, "timestamp", "time", "ts", "kpi", "a"));
            }
            if (random.nextInt(4) == 0) {
                options = options.withRequired(Map.of(Trials.oneOf(random, "kpi", "label", "a", "v", "timestamp"),
                        Trials.oneOf(random, "KPI column", "label column", "influencer column")));
            }
            ReadOptions o = options;
            mustReadOrRefuse("CSV read", () -> {
                CsvReader.read(file, o, new JobLog());
                reads.incrementAndGet();
            });
            mustReadOrRefuse("CSV scan", () -> CsvReader.scan(file, file.toString(), o, new JobLog()));
        });
        assertThat(reads.get()).as("some mutations still read: the fuzzing reaches past the header").isPositive();
    }

    @Test
    @SuppressWarnings("unchecked")
    void configurationsAreReadOrRefusedWithAMessage() throws IOException {
        Map<String, Object> settings = (Map<String, Object>) modelTree.get("settings");
        String seed = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(settings);
        Trials.forAll(13_002L, tries(2500), random -> {
            String json;
            if (random.nextBoolean()) {
                json = new String(mutate(random, seed.getBytes(StandardCharsets.UTF_8), 1 + random.nextInt(4)), StandardCharsets.UTF_8);
            } else {
                Object tree = JSON.readValue(seed, Object.class);
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    tree = mutateTree(random, tree);
                }
                json = JSON.writeValueAsString(tree);
            }
            mustReadOrRefuse("configuration", () -> ConfigurationReader.parse(json, "fuzz.json", Trials.oneOf(random, ZONES), new JobLog()));
        });
    }

    @Test
    void modelFilesAreReadOrRefusedWithAMessage(@TempDir Path dir) {
        AtomicInteger read = new AtomicInteger();
        Trials.forAll(13_003L, tries(400), random -> {
            Path file = dir.resolve("model.json");
            if (random.nextInt(4) == 0) { // bytes: the checksum or the JSON parser must catch it
                Files.write(file, mutate(random, modelFile, 1 + random.nextInt(3)));
            } else { // a tree edited and signed anew: the model itself must catch it
                @SuppressWarnings("unchecked")
                Map<String, Object> root = (Map<String, Object>) JSON.readValue(modelFile, Object.class);
                String part = random.nextInt(3) == 0 ? "settings" : "model";
                for (int k = 1 + random.nextInt(2); k > 0; k--) {
                    root.put(part, mutateTree(random, root.get(part)));
                }
                Object s = root.get("settings");
                Object m = root.get("model");
                if (s instanceof Map<?, ?> sm && m instanceof Map<?, ?> mm) {
                    @SuppressWarnings("unchecked")
                    String sum = ModelFiles.checksum((Map<String, Object>) sm, (Map<String, Object>) mm);
                    root.put("checksum", sum);
                }
                Files.write(file, JSON.writeValueAsBytes(root));
            }
            mustReadOrRefuse("model", () -> {
                DetectionModel model = ModelFiles.read(file, registry);
                read.incrementAndGet();
                model.detect(detectData);
            });
        });
        assertThat(read.get()).as("some edited models still read: the fuzzing reaches the detection").isPositive();
    }

    private static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] head(byte[] bytes, int lines) {
        int n = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && ++n == lines) {
                return java.util.Arrays.copyOf(bytes, i + 1);
            }
        }
        return bytes;
    }

    private static byte[] gzip(byte[] bytes, SplittableRandom random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        byte[] z = out.toByteArray();
        return random.nextInt(3) == 0 ? java.util.Arrays.copyOf(z, random.nextInt(z.length)) : z; // now and then truncated
    }

    /** {@code rounds} byte-level mutations of a seed. */
    static byte[] mutate(SplittableRandom random, byte[] seed, int rounds) {
        List<Byte> b = new ArrayList<>(seed.length + 64);
        for (byte x : seed) {
            b.add(x);
        }
        for (int r = 0; r < rounds; r++) {
            int n = b.size();
            int at = n == 0 ? 0 : random.nextInt(n);
            switch (random.nextInt(8)) {
                case 0 -> {
                    if (n > 0) {
                        b.set(at, (byte) random.nextInt(256));
                    }
                }
                case 1 -> b.add(at, (byte) random.nextInt(256));
                case 2 -> {
                    int len = Math.min(n - at, 1 + random.nextInt(40));
                    for (int k = 0; k < len; k++) {
                        b.remove(at);
                    }
                }
                case 3 -> {
                    int len = Math.min(n - at, 1 + random.nextInt(200));
                    List<Byte> copy = new ArrayList<>(b.subList(at, at + len));
                    b.addAll(random.nextInt(n + 1), copy);
                }
                case 4 -> {
                    if (n > 0) {
                        b.subList(random.nextInt(n), n).clear(); // truncated
                    }
                }
                default -> {
                    byte[] token = Trials.oneOf(random, TOKENS).getBytes(StandardCharsets.UTF_8);
                    int len = Math.min(n - at, random.nextInt(12));
                    for (int k = 0; k < len; k++) {
                        b.remove(at);
                    }
                    for (int k = token.length - 1; k >= 0; k--) {
                        b.add(at, token[k]);
                    }
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    /** The tree with one node somewhere replaced by a value of another type or range, or removed. */
    @SuppressWarnings("unchecked")
    static Object mutateTree(SplittableRandom random, Object node) {
        if (node instanceof Map<?, ?> m && !m.isEmpty() && random.nextInt(5) != 0) {
            Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) m);
            List<String> keys = new ArrayList<>(map.keySet());
            String key = Trials.oneOf(random, keys);
            if (random.nextInt(12) == 0) {
                map.remove(key);
            } else if (random.nextInt(20) == 0) {
                map.put(key + Trials.oneOf(random, "x", "s", ""), map.remove(key)); // a misspelt key
            } else {
                map.put(key, mutateTree(random, map.get(key)));
            }
            return map;
        }
        if (node instanceof List<?> l && !l.isEmpty() && random.nextInt(5) != 0) {
            List<Object> list = new ArrayList<>(l);
            int i = random.nextInt(list.size());
            if (random.nextInt(10) == 0) {
                list.remove(i);
            } else {
                list.set(i, mutateTree(random, list.get(i)));
            }
            return list;
        }
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> Trials.oneOf(random, TOKENS);
            case 2 -> random.nextBoolean();
            case 3 -> List.of();
            case 4 -> Map.of();
            case 5 -> Trials.anyMagnitude(random);
            case 6 -> node instanceof Number n ? -n.doubleValue() : 0;
            case 7 -> node instanceof Number n ? n.doubleValue() * Trials.oneOf(random, 1e300, 1e-300, 1e6, 0.5, 2.0) : "x";
            case 8 -> node instanceof String s && !s.isEmpty() ? s.substring(0, random.nextInt(s.length())) : 1e308;
            default -> {
                double d = Trials.anyDouble(random);
                yield Double.isFinite(d) ? d : 1.0;
            }
        };
    }
}
