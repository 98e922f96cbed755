package dev.vigil.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.inject.Inject;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.stream.DetectionStream;
import dev.vigil.core.stream.StreamRow;
import dev.vigil.io.TimestampFormat;
import dev.vigil.io.csv.CsvLimits;
import dev.vigil.io.csv.CsvTokenizer;
import dev.vigil.io.stream.StreamSnapshots;
import dev.vigil.rca.Cause;
import dev.vigil.rca.RowCauses;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.NormalBehaviorDecomposition;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil stream}: a stored model applied to CSV rows as they arrive, one JSON line out per row. */
@Command(name = "stream",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Apply a stored model to CSV rows as they arrive (with their header line), from standard input or a file being "
                + "appended to, and write one JSON line per row to standard output, flushed at once: the results table's columns "
                + "(timestamp, model_index, kpi, normal_behavior, anomaly_code, anomaly_indicator_<perspective>…) and the causes of "
                + "an anomalous row. Every row is answered as detect answers it; rows before the model's in-sample end warm up "
                + "lags and windows and are answered too (docs/streaming.md)."})
final class StreamCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Inject
    PluginRegistry registry;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by build-model or rebuild-model.")
    Path model;

    @Option(names = "--input", paramLabel = "-|FILE", defaultValue = "-",
            description = "CSV rows: '-' for standard input (default), or a file, read from its start and followed as it grows.")
    String input;

    @Option(names = "--follow", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With a file: keep waiting for rows appended to it, as tail -f does (default); --no-follow stops at its end.")
    boolean follow;

    @Option(names = "--timestamp", paramLabel = "COL", description = "Column holding the timestamps (default: the first column).")
    String timestamp;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone of timestamps written without one, and of calendar features (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--late", paramLabel = "refuse|skip", defaultValue = "refuse",
            description = "A row not newer than the newest one: refuse it (stop with an error, the default) or skip it with a warning.")
    String late;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Resume from this snapshot if it exists, and write the stream's state to it at the end of the input (rows still waiting are answered when it resumes), or when "
                    + "the process is stopped (Ctrl-C, SIGTERM).")
    Path state;

    @Option(names = "--refresh", description = "Watch the model file: when it is replaced (rebuild-model --model-out), swap the new model "
            + "in before the next row, keeping the rows and windows the stream holds.")
    boolean refresh;

    @Override
    public Integer call() throws Exception {
        DetectionStream.LateRows policy = switch (late.toLowerCase(java.util.Locale.ROOT)) {
            case "refuse" -> DetectionStream.LateRows.REFUSE;
            case "skip" -> DetectionStream.LateRows.SKIP;
            default -> throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--late " + late + " is not a policy; use refuse or skip");
        };
        DetectionModel m = VigilCommand.readModel(model, registry);
        boolean stdin = input.equals("-");
        InputStream in = stdin ? System.in : open(Path.of(input), follow);
        var out = spec.commandLine().getOut();
        Object lock = new Object();
        boolean[] stopped = {false};
        Thread saver = null;
        try (CsvTokenizer csv = CsvTokenizer.incremental(in, stdin ? "standard input" : input, CsvLimits.DEFAULT);
                JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setRootValueSeparator(null);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            int time = Rows.timeColumn(csv, timestamp);
            // with --refresh the stream takes every column, for a rebuilt model that reads other influencers
            List<String> extra = refresh ? csv.header().stream().filter(c -> !c.equals(csv.header().get(time))).toList() : List.of();
            DetectionStream stream = state != null && Files.exists(state) ? DetectionStream.restore(m, StreamSnapshots.read(state), policy)
                    : DetectionStream.of(m, zone, policy, extra);
            if (state != null) {
                saver = new Thread(() -> {
                    synchronized (lock) { // between two rows: no row is answered after the state written
                        stopped[0] = true;
                        StreamSnapshots.write(stream.snapshot(), state);
                        out.flush();
                    }
                }, "vigil-stream-state");
                Runtime.getRuntime().addShutdownHook(saver);
            }
            Rows rows = new Rows(csv, stream, time);
            Writer writer = new Writer(json, stream.model().kpi());
            double[] values = new double[stream.columns().size()];
            long skippedBefore = stream.skipped();
            ModelWatch watch = refresh ? new ModelWatch(model) : null;
            while (csv.next()) {
                long t = rows.read(values);
                synchronized (lock) {
                    if (stopped[0]) {
                        return 0;
                    }
                    if (watch != null && watch.changed()) {
                        refresh(stream);
                    }
                    try {
                        stream.push(t, values, writer);
                    } catch (VigilException e) {
                        if (e.code() != ErrorCode.BAD_TIMESTAMP) {
                            throw e;
                        }
                        throw new VigilException(e.code(), csv.source() + " line " + csv.line() + ": " + e.getMessage());
                    }
                }
                if (stream.skipped() > skippedBefore) {
                    skippedBefore = stream.skipped();
                    spec.commandLine().getErr().println("Warning: " + csv.source() + " line " + csv.line() + ": skipped a row not newer "
                            + "than the stream's newest row (--late skip).");
                }
            }
            synchronized (lock) {
                if (stopped[0]) {
                    return 0;
                }
                if (state == null) { // with --state the stream goes on later: its waiting rows are decided by the rows that follow
                    stream.end(writer);
                }
            }
            if (state != null) {
                StreamSnapshots.write(stream.snapshot(), state);
            }
        } finally {
            if (saver != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(saver);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs or has run
                }
            }
        }
        return 0;
    }

    /** Swaps the model file's new model in; a model the stream cannot take is refused with a warning, the old one kept. */
    private void refresh(DetectionStream stream) {
        var err = spec.commandLine().getErr();
        try {
            stream.refresh(VigilCommand.readModel(model, registry));
            err.println("Refreshed the model from " + model + " (in-sample up to " + stream.model().inSampleTo() + ").");
        } catch (VigilException e) {
            err.println("Warning: kept the current model: " + e.getMessage());
        }
    }

    /** Whether a file was replaced or modified since last asked: its identity (inode), time and size. */
    private static final class ModelWatch {
        private final Path file;
        private Object seen;

        ModelWatch(Path file) {
            this.file = file;
            this.seen = look();
        }

        boolean changed() {
            Object now = look();
            if (now == null || now.equals(seen)) {
                return false; // missing for a moment while it is replaced: wait for the new one
            }
            seen = now;
            return true;
        }

        private Object look() {
            try {
                var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** A file read from its start; followed, reading on as it grows (never at its end until interrupted). */
    private static InputStream open(Path file, boolean follow) {
        if (!Files.isRegularFile(file)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, "Input " + file + (Files.exists(file) ? " is not a file" : " does not exist"));
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return new InputStream() {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    while (true) {
                        int n = channel.read(ByteBuffer.wrap(b, off, len));
                        if (n != 0 && (n > 0 || !follow)) {
                            return n;
                        }
                        if (n == 0 && len == 0) {
                            return 0;
                        }
                        try {
                            Thread.sleep(200); // tail -f: poll for appended bytes
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return -1;
                        }
                    }
                }

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the stream's columns of each record, by the header's names. */
    private static final class Rows {
        private final CsvTokenizer csv;
        private final int time;
        private final int[] at;
        private final int width;
        private TimestampFormat format;
        private final ZoneId zone;

        /** The position of the timestamp column: the named one, or the first. */
        static int timeColumn(CsvTokenizer csv, String timestampColumn) {
            List<String> header = csv.header();
            if (timestampColumn != null && !header.contains(timestampColumn)) {
                throw new VigilException(ErrorCode.UNKNOWN_COLUMN, csv.source() + " has no timestamp column "
                        + Names.unknown(timestampColumn, header, "columns"));
            }
            if (header.isEmpty()) {
                throw new VigilException(ErrorCode.EMPTY_DATA, csv.source() + " has no header line");
            }
            return timestampColumn == null ? 0 : header.indexOf(timestampColumn);
        }

        Rows(CsvTokenizer csv, DetectionStream stream, int time) {
            this.csv = csv;
            this.zone = stream.zone();
            List<String> header = csv.header();
            this.width = header.size();
            this.time = time;
            Map<String, String> roles = new LinkedHashMap<>();
            for (String c : stream.columns()) {
                roles.put(c, c.equals(stream.model().kpi()) ? "KPI column" : "column the model uses");
            }
            Names.requireColumns(csv.source(), roles, header);
            this.at = stream.columns().stream().mapToInt(header::indexOf).toArray();
        }

        /** The record's values into {@code values}; returns its timestamp. */
        long read(double[] values) {
            csv.requireSize(width);
            if (format == null) {
                String first = csv.field(time);
                format = TimestampFormat.detect(first).orElseThrow(() -> csv.cellError(ErrorCode.BAD_TIMESTAMP, time,
                        "is not a timestamp; " + TimestampFormat.explain(first)));
            }
            long t = csv.timestamp(time, format, zone);
            if (t == TimestampFormat.INVALID) {
                throw csv.cellError(ErrorCode.BAD_TIMESTAMP, time, "is not a timestamp; expected " + format.describe() + ", like the first row");
            }
            for (int c = 0; c < at.length; c++) {
                values[c] = csv.number(at[c]);
            }
            return t;
        }
    }

    /** One JSON line per answered row, flushed at once. */
    private static final class Writer implements DetectionStream.Listener {
        private final JsonGenerator json;
        private final String kpiName;

        Writer(JsonGenerator json, String kpiName) {
            this.json = json;
            this.kpiName = kpiName;
        }

        @Override
        public void row(StreamRow row) {
            try {
                json.writeStartObject();
                json.writeStringField(dev.vigil.spi.ColumnLayout.DEFAULT.timestampColumn(), row.instant().toString());
                json.writeNumberField(DetectionResult.MODEL_INDEX, row.modelIndex());
                number(DetectionResult.KPI, row.kpi());
                number(DetectionResult.NORMAL_BEHAVIOR, row.normalBehavior());
                json.writeNumberField(DetectionResult.ANOMALY_CODE, row.anomalyCode());
                for (int k = 0; k < row.perspectives().size(); k++) {
                    number(row.indicatorColumns().get(k), row.indicator(k));
                }
                json.writeArrayFieldStart("causes");
                if (row.anomalous()) {
                    NormalBehaviorDecomposition parts = row.decomposition();
                    if (parts != null) {
                        for (Cause c : RowCauses.of(parts, 0, Instant.ofEpochMilli(row.time()), row.kpi()).causes()) {
                            json.writeStartObject();
                            json.writeStringField("contributor", c.contributor());
                            number("contribution", c.contribution());
                            number("typical", c.typical());
                            number("departure", c.departure());
                            number("share", c.share());
                            json.writeEndObject();
                        }
                    }
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeRaw('\n');
                json.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the answer for " + kpiName + " at " + row.instant(), e);
            }
        }

        private void number(String name, double v) throws IOException {
            if (Double.isFinite(v)) {
                json.writeNumberField(name, v);
            } else {
                json.writeNullField(name);
            }
        }
    }
}
