package dev.vigil.io.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.io.OutputFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What Vigil records beside a results table it writes, in {@code <table>.vigil.json}: the table's own
 * SHA-256 (of its bytes) and the checksum of the model it came from (the {@code checksum} of the model
 * file, also the JSON report's {@code modelChecksum}). The table itself stays as TIM's readers expect
 * it. A reader can so tell a table changed or half-replaced after Vigil wrote it ({@link #check}), and
 * whether it came from a given model.
 *
 * @param table the table's file name
 * @param tableChecksum {@code sha256:} and the hex SHA-256 of the table's bytes
 * @param job the job that wrote it ({@code build-model}, {@code detect}, …)
 * @param modelChecksum the checksum of the model it came from
 */
public record ResultsRecord(String table, String tableChecksum, String job, String modelChecksum) {
    /** The record's name is the table's with this appended. */
    public static final String SUFFIX = ".vigil.json";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Where the record of a table is. */
    public static Path pathOf(Path table) {
        return table.resolveSibling(table.getFileName() + SUFFIX);
    }

    /** The record of a table written (perhaps still under a temporary name, as {@link OutputFiles#stage} does) for {@code target}. */
    public static ResultsRecord of(Path written, Path target, String job, String modelChecksum) {
        return new ResultsRecord(target.getFileName().toString(), sha256(written), job, modelChecksum);
    }

    /**
     * Writes the record of a table already in place (atomically, beside it): for writers that do not stage
     * their outputs with {@link OutputFiles}, e.g. the demo.
     */
    public static void write(Path table, String job, String modelChecksum) {
        ReportJson.write(pathOf(table), of(table, table, job, modelChecksum).toMap());
    }

    /** The record as written: {@code vigilResultsRecord} (1), {@code table}, {@code tableChecksum}, {@code job}, {@code modelChecksum}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vigilResultsRecord", 1);
        m.put("table", table);
        m.put("tableChecksum", tableChecksum);
        m.put("job", job);
        m.put("modelChecksum", modelChecksum);
        return m;
    }

    /**
     * The record of a table, if it has one.
     *
     * @throws VigilException {@link ErrorCode#MALFORMED_DATA} for a record that is not one
     */
    public static Optional<ResultsRecord> read(Path table) {
        Path file = pathOf(table);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, Object> m;
        try {
            m = JSON.readValue(Files.readAllBytes(file), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, "Cannot read the record " + file + " of the results table " + table + ": "
                    + e.getMessage() + ". Delete it, or write the table again", e);
        }
        if (m == null || !(m.get("tableChecksum") instanceof String t) || !(m.get("modelChecksum") instanceof String model)) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, file + " is not the record of a results table (no \"tableChecksum\" or "
                    + "\"modelChecksum\"). Delete it, or write the table again");
        }
        return Optional.of(new ResultsRecord(String.valueOf(m.get("table")), t, String.valueOf(m.get("job")), model));
    }

    /**
     * Checks a table against its record, and the model it came from when {@code modelChecksum} is
     * given; returns the record, or empty for a table without one (then no model can be checked).
     *
     * @param modelChecksum the checksum of the model the table should come from, or {@code null}
     * @throws VigilException {@link ErrorCode#MALFORMED_DATA} for a table changed after Vigil wrote it (or
     *     whose replacement was interrupted), {@link ErrorCode#BAD_MODEL} for a table from another model
     */
    public static Optional<ResultsRecord> check(Path table, String modelChecksum) {
        Optional<ResultsRecord> record = read(table);
        if (record.isEmpty()) {
            if (modelChecksum != null) {
                throw new VigilException(ErrorCode.BAD_MODEL, "The results table " + table + " has no record " + pathOf(table)
                        + ", so the model it came from is unknown. Write it again with detect or build-model");
            }
            return record;
        }
        ResultsRecord r = record.get();
        if (!r.tableChecksum().equals(sha256(table))) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, "The results table " + table + " does not match its record " + pathOf(table)
                    + ": it was changed after Vigil wrote it, or its replacement was interrupted. Write it again (or delete the record "
                    + "if you changed the table on purpose)");
        }
        if (modelChecksum != null && !modelChecksum.equals(r.modelChecksum())) {
            throw new VigilException(ErrorCode.BAD_MODEL, "The results table " + table + " came from the model " + r.modelChecksum()
                    + ", not from " + modelChecksum + ". Run detect with that model again, or give the model it came from");
        }
        return record;
    }

    /** {@code sha256:} and the hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + file + ": " + OutputFiles.why(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new VigilException(ErrorCode.INTERNAL, "No SHA-256 in this Java: " + e.getMessage(), e);
        }
    }
}
