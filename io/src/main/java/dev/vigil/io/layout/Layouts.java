package dev.vigil.io.layout;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.quality.DiscardedFile;
import dev.vigil.core.quality.QualityInput;
import dev.vigil.core.quality.QualitySource;
import dev.vigil.io.csv.CsvLimits;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.io.csv.CsvTokenizer;
import dev.vigil.io.layout.LayoutOptions.Kind;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a data set in any of its layouts into one {@link TimeFrame} (docs/file-formats.md#data-layouts):
 *
 * <ul>
 *   <li>{@link Kind#FILE} — one CSV file, one table, read as it is (columns in file order);
 *   <li>{@link Kind#PER_VARIABLE} — Azure's MultiTable: a folder or a {@code .zip} of {@code <variable>.csv}
 *       files, each with two columns, the timestamp then the value; the file name is the signal's name;
 *   <li>{@link Kind#COMPONENTS} — Lookout's component folders: {@code <root>/<component>/*.csv}, each file a
 *       timestamp column then sensor columns, the files of a component one after the other; or component files
 *       side by side ({@code <component><delimiter>*.csv}); columns named {@code component\tag}.
 * </ul>
 *
 * <p>The files of a layout are each read by {@link CsvReader} (their first column is the timestamp; every
 * other column must hold numbers), then rounded, sorted and de-duplicated, aligned and filled by the
 * {@link LayoutOptions}; the columns come out sorted by name. Every step is written to the job log.
 * Thread-safe; nothing given is modified.
 */
public final class Layouts {
    private static final String ORIGIN = "Layout";

    private Layouts() {
    }

    /**
     * Reads a data set.
     *
     * @param path a CSV file, a folder or a {@code .zip} archive
     * @param options the layout and how its files are aligned
     * @param read the zone of timestamps written without one; for a single file also its timestamp column
     *     and required columns
     * @throws VigilException naming the file (for an archive, {@code archive.zip!/entry.csv}), line, column
     *     and value of what cannot be read: {@link ErrorCode#FILE_NOT_FOUND}, {@link ErrorCode#MALFORMED_DATA}
     *     for a file set that does not follow the layout, or as {@link CsvReader#readFile} for a file
     */
    public static LayoutData read(Path path, LayoutOptions options, ReadOptions read, JobLog log) {
        requireNonNull(path, "path is null");
        requireNonNull(options, "options is null");
        requireNonNull(read, "read is null");
        requireNonNull(log, "log is null");
        if (!Files.exists(path)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, path + " does not exist");
        }
        if (isZip(path)) {
            try (FileSystem zip = openZip(path)) {
                Path root = zip.getPath("/");
                return readSet(root, path + "!", options, read, log);
            } catch (IOException e) {
                throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        if (Files.isDirectory(path)) {
            return readSet(path, path.toString(), options, read, log);
        }
        if (options.kind() != Kind.AUTO && options.kind() != Kind.FILE) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, path + " is a file, but the layout " + options.kind()
                    + " is a folder or a .zip archive of files");
        }
        return readFile(path, options, read, log);
    }

    /**
     * Reads chosen files of Lookout's components side by side, as {@link #read} reads a folder of them ({@link
     * Kind#COMPONENTS}): each component's files one after the other in the order given, aligned and filled by the
     * options. For a reader that picks the files itself, such as the scheduler's window of a folder.
     *
     * @param folder the folder the files lie in (messages name them relative to it)
     * @param files per component, its files
     * @throws VigilException as {@link #read}
     */
    public static LayoutData readComponents(Path folder, Map<String, List<Path>> files, LayoutOptions options, ReadOptions read, JobLog log) {
        requireNonNull(folder, "folder is null");
        requireNonNull(files, "files is null");
        FileSet set = new FileSet(folder, folder.toString(), options, read, log, files.values().stream().mapToInt(List::size).sum());
        files.forEach(set::component);
        return set.finish(Kind.COMPONENTS);
    }

    /** The layout {@link Kind#AUTO} finds at {@code path}: see docs/file-formats.md#data-layouts. */
    public static Kind detect(Path path) {
        if (!Files.exists(path)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, path + " does not exist");
        }
        if (isZip(path)) {
            try (FileSystem zip = openZip(path)) {
                return detectSet(zip.getPath("/"));
            } catch (IOException e) {
                throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        return Files.isDirectory(path) ? detectSet(path) : Kind.FILE;
    }

    private static boolean isZip(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    private static FileSystem openZip(Path path) {
        try {
            return FileSystems.newFileSystem(path);
        } catch (IOException | RuntimeException e) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, path + " is not a readable zip archive: " + e.getMessage(), e);
        }
    }

    /** Per-variable when any data file lies at the top, components when they all lie one folder down. */
    private static Kind detectSet(Path root) {
        Listing l = list(root);
        if (!l.top.isEmpty()) {
            return Kind.PER_VARIABLE;
        }
        if (!l.nested.isEmpty()) {
            return Kind.COMPONENTS;
        }
        return Kind.PER_VARIABLE;
    }

    /** The files of a folder: data files at the top, data files one folder down (by folder), everything else. */
    private static final class Listing {
        final List<Path> top = new ArrayList<>();
        final Map<String, List<Path>> nested = new LinkedHashMap<>();
        final List<Path> other = new ArrayList<>();
        int total;
    }

    private static Listing list(Path root) {
        Listing l = new Listing();
        try (Stream<Path> walk = Files.walk(root, 3)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                Path rel = root.relativize(f);
                String name = f.getFileName().toString();
                if (name.startsWith(".") || rel.toString().startsWith("__MACOSX")) {
                    continue; // file-system and archiver litter, not data
                }
                l.total++;
                if (!isCsv(name)) {
                    l.other.add(f);
                } else if (rel.getNameCount() == 1) {
                    l.top.add(f);
                } else if (rel.getNameCount() == 2) {
                    l.nested.computeIfAbsent(rel.getName(0).toString(), k -> new ArrayList<>()).add(f);
                } else {
                    l.other.add(f);
                }
            }
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot list " + root + ": " + e.getMessage(), e);
        }
        return l;
    }

    private static boolean isCsv(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".csv.gz");
    }

    private static String stem(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return name.substring(0, name.length() - (n.endsWith(".csv.gz") ? 7 : 4));
    }

    /** A file of the set as messages name it. */
    private static String name(Path root, String label, Path file) {
        String rel = root.relativize(file).toString().replace('\\', '/');
        return label.endsWith("!") ? label + "/" + rel : Path.of(label).resolve(rel).toString();
    }

    private static LayoutData readFile(Path file, LayoutOptions options, ReadOptions read, JobLog log) {
        String source = file.toString();
        if (!isCsv(source)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Cannot read " + file + " as a layout: a single file must be a .csv "
                    + "or .csv.gz (other formats are read by DataFiles)");
        }
        if (options.lenient()) {
            CsvReader.Scan scan = CsvReader.scan(file, source, read, log);
            TimeFrame frame = scan.result().frame();
            QualitySource q = new QualitySource("", source, frame, scan.invalidValues(), scan.invalidDateEntries(), scan.unsupportedTimestamps());
            return new LayoutData(Kind.FILE, frame, signals(frame), scan.result().dropped(), QualityInput.of(q));
        }
        ReadResult r = CsvReader.readFile(file, source, read, log);
        return new LayoutData(Kind.FILE, r.frame(), signals(r.frame()), r.dropped(), QualityInput.of(QualitySource.of("", r.frame())));
    }

    private static List<SignalId> signals(TimeFrame frame) {
        return frame.columnNames().stream().map(SignalId::parse).toList();
    }

    private static LayoutData readSet(Path root, String label, LayoutOptions options, ReadOptions read, JobLog log) {
        Listing l = list(root);
        Kind kind = options.kind();
        if (kind == Kind.AUTO) {
            kind = !l.top.isEmpty() ? Kind.PER_VARIABLE : !l.nested.isEmpty() ? Kind.COMPONENTS : Kind.PER_VARIABLE;
            log.info(ORIGIN, "Read " + label + " as " + (kind == Kind.PER_VARIABLE
                    ? "one CSV file per variable (Azure's MultiTable layout), as it holds CSV files at its top"
                    : "component folders (Lookout's layout), as its CSV files lie in " + l.nested.size() + " sub-folders")
                    + "; --layout chooses another.");
        } else if (kind == Kind.FILE) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, label + " is a folder or archive, but the layout FILE is a single file");
        }
        FileSet set = new FileSet(root, label, options, read, log, l.total);
        for (Path f : l.other) {
            set.discard(f, isCsv(f.getFileName().toString()) ? "in a folder too deep for the layout" : "not a CSV file");
        }
        if (kind == Kind.PER_VARIABLE) {
            for (List<Path> files : l.nested.values()) {
                for (Path f : files) {
                    if (!options.lenient()) {
                        throw new VigilException(ErrorCode.MALFORMED_DATA, name(root, label, f) + " lies in a sub-folder, but the files "
                                + "of one CSV per variable (Azure's MultiTable) all lie at the top of " + label
                                + " (Azure ignores the others). Move it up, or read component folders (--layout components)");
                    }
                    set.discard(f, "in a sub-folder; one CSV per variable reads only the files at the top");
                }
            }
            for (Path f : l.top) {
                set.perVariable(f);
            }
        } else if (!l.nested.isEmpty()) {
            for (Path f : l.top) {
                set.discard(f, "at the top; component folders hold their files one folder down");
            }
            l.nested.forEach(set::component);
        } else {
            Map<String, List<Path>> byComponent = new LinkedHashMap<>();
            char d = options.delimiter();
            for (Path f : l.top) {
                String n = f.getFileName().toString();
                int at = n.indexOf(d);
                String component = at > 0 ? n.substring(0, at) : stem(n);
                byComponent.computeIfAbsent(component, k -> new ArrayList<>()).add(f);
            }
            log.info(ORIGIN, "Read the " + l.top.size() + " files of " + label + " as components side by side, each file's name up to its "
                    + "first '" + d + "' naming its component (" + byComponent.size() + " components).");
            byComponent.forEach(set::component);
        }
        return set.finish(kind);
    }

    /** The files of a folder or archive read so far. */
    private static final class FileSet {
        final Path root;
        final String label;
        final LayoutOptions options;
        final ReadOptions read;
        final JobLog log;
        final int total;
        final List<DiscardedFile> discarded = new ArrayList<>();
        final List<QualitySource> sources = new ArrayList<>();
        final List<Alignment.Table> tables = new ArrayList<>();
        final Map<String, String> seenComponents = new HashMap<>();

        FileSet(Path root, String label, LayoutOptions options, ReadOptions read, JobLog log, int total) {
            this.root = root;
            this.label = label;
            this.options = options;
            this.read = read;
            this.log = log;
            this.total = total;
        }

        void discard(Path f, String reason) {
            discarded.add(new DiscardedFile(name(root, label, f), reason));
        }

        /** One {@code timestamp,value} file. */
        void perVariable(Path f) {
            String source = name(root, label, f);
            String variable = stem(f.getFileName().toString());
            Read r = readTable(f, source, true);
            if (r == null) {
                return;
            }
            TimeFrame raw = rename(r.raw, new String[] {variable}).withSource(source);
            Map<String, Long> invalid = r.invalid.isEmpty() ? Map.of() : Map.of(variable, r.invalid.values().iterator().next());
            sources.add(new QualitySource("", source, raw, invalid, r.badDates, r.unsupported));
            tables.add(Alignment.prepare(raw, new String[] {variable}, options.roundTo(), log));
        }

        /** The files of one component, one after the other. */
        void component(String component, List<Path> files) {
            String where = name(root, label, files.get(0));
            if (!DatasetSchema.COMPONENT_NAME.matcher(component).matches()) {
                String problem = "'" + component + "' is not a component name: Lookout's are 1 to 200 letters, digits, '.', '_' or '-'";
                if (!options.lenient()) {
                    throw new VigilException(ErrorCode.MALFORMED_DATA, where + ": " + problem);
                }
                files.forEach(f -> discard(f, problem));
                return;
            }
            DatasetSchema.Component wanted = null;
            if (options.schema() != null) {
                wanted = options.schema().component(component).orElse(null);
                if (wanted == null) {
                    files.forEach(f -> discard(f, "component '" + component + "' is not in the schema"));
                    return;
                }
            }
            List<TimeFrame> parts = new ArrayList<>();
            List<String> header = null;
            String firstSource = null;
            Map<String, Long> invalid = new LinkedHashMap<>();
            long badDates = 0;
            long unsupported = 0;
            for (Path f : files) {
                String source = name(root, label, f);
                Read r = readTable(f, source, false);
                if (r == null) {
                    continue;
                }
                if (header != null && !header.equals(r.raw.columnNames())) {
                    String problem = "its sensors " + r.raw.columnNames() + " differ from those of " + firstSource + " " + header
                            + "; every file of a component has the same columns";
                    if (!options.lenient()) {
                        throw new VigilException(ErrorCode.MALFORMED_DATA, source + ": " + problem);
                    }
                    discard(f, problem);
                    continue;
                }
                if (header == null) {
                    header = r.raw.columnNames();
                    firstSource = source;
                }
                parts.add(r.raw);
                r.invalid.forEach((k, v) -> invalid.merge(k, v, Long::sum));
                badDates += r.badDates;
                unsupported += r.unsupported;
            }
            if (parts.isEmpty()) {
                return;
            }
            TimeFrame raw = concat(parts, files.size() == 1 ? firstSource : name(root, label, files.get(0).getParent()));
            if (wanted != null) {
                List<String> missing = new ArrayList<>(wanted.sensors());
                missing.removeAll(raw.columnNames());
                if (!missing.isEmpty()) {
                    throw new VigilException(ErrorCode.UNKNOWN_COLUMN, raw.source() + ": the schema lists sensors " + missing
                            + " of component '" + component + "' that its files do not hold; they hold " + raw.columnNames());
                }
                List<String> extra = new ArrayList<>(raw.columnNames());
                extra.removeAll(wanted.sensors());
                if (!extra.isEmpty()) {
                    log.info(ORIGIN, "Left out " + extra.size() + " sensors of component '" + component + "' the schema does not list: "
                            + extra + ".");
                }
                raw = raw.select(wanted.sensors());
            }
            sources.add(new QualitySource(component, raw.source(), raw, invalid, badDates, unsupported));
            String[] names = raw.columnNames().stream().map(t -> new SignalId(component, t).toString()).toArray(String[]::new);
            tables.add(Alignment.prepare(rename(raw, names), names, options.roundTo(), log));
        }

        /** The tables aligned into one frame. */
        LayoutData finish(Kind kind) {
            if (options.schema() != null) {
                List<String> absent = new ArrayList<>();
                for (DatasetSchema.Component c : options.schema().components()) {
                    if (sources.stream().noneMatch(s -> s.component().equals(c.componentName()))) {
                        absent.add(c.componentName());
                    }
                }
                if (!absent.isEmpty()) {
                    throw new VigilException(ErrorCode.UNKNOWN_COLUMN, label + ": the schema lists components " + absent
                            + " that have no files there");
                }
            }
            if (!discarded.isEmpty()) {
                log.warning(ORIGIN, "Left out " + discarded.size() + (discarded.size() == 1 ? " file" : " files") + " of " + label + ": "
                        + discarded.stream().limit(5).map(d -> d.file() + " (" + d.reason() + ")").reduce((a, b) -> a + "; " + b).orElse("")
                        + (discarded.size() > 5 ? "; …" : "") + ".");
            }
            if (tables.isEmpty()) {
                throw new VigilException(ErrorCode.EMPTY_DATA, label + " holds no CSV file to read"
                        + (kind == Kind.PER_VARIABLE ? " at its top (one file per variable, <variable>.csv with timestamp,value)"
                                : " in a component folder (<component>/<file>.csv)"));
            }
            TimeFrame frame = Alignment.align(tables, options, label.endsWith("!") ? label.substring(0, label.length() - 1) : label,
                    read.zone(), log);
            return new LayoutData(kind, frame, signals(frame), List.of(), new QualityInput(sources, total, discarded));
        }

        private record Read(TimeFrame raw, Map<String, Long> invalid, long badDates, long unsupported) {
        }

        /**
         * One file of the set: its first column the timestamp, every other numeric (refused cell by cell
         * otherwise); lenient, bad cells and rows counted and an unreadable file discarded (null).
         */
        private Read readTable(Path f, String source, boolean perVariable) {
            try {
                List<String> header;
                try (CsvTokenizer csv = CsvTokenizer.open(f, source, CsvLimits.DEFAULT)) {
                    header = csv.header();
                }
                if (header.isEmpty()) {
                    throw new VigilException(ErrorCode.EMPTY_DATA, source + " is empty; it needs a header line");
                }
                if (perVariable && header.size() != 2) {
                    throw new VigilException(ErrorCode.MALFORMED_DATA, source + " line 1: the header " + header + " has " + header.size()
                            + " columns; a file of one CSV per variable has two, timestamp,value (the file name names the variable)");
                }
                if (!perVariable && header.size() < 2) {
                    throw new VigilException(ErrorCode.MALFORMED_DATA, source + " line 1: the header " + header
                            + " has no sensor column; a component's file has its timestamp column, then one column per sensor");
                }
                Map<String, String> required = new LinkedHashMap<>();
                for (String h : header.subList(1, header.size())) {
                    required.put(h, perVariable ? "value column" : "sensor column");
                }
                ReadOptions ro = ReadOptions.DEFAULT.withZone(read.zone()).withTimestampColumn(header.get(0)).withRequired(required);
                if (options.lenient()) {
                    CsvReader.Scan s = CsvReader.scan(f, source, ro, log);
                    return new Read(s.result().frame(), s.invalidValues(), s.invalidDateEntries(), s.unsupportedTimestamps());
                }
                return new Read(CsvReader.readFile(f, source, ro, log).frame(), Map.of(), 0, 0);
            } catch (VigilException e) {
                if (!options.lenient()) {
                    throw e;
                }
                discard(f, e.getMessage());
                return null;
            }
        }
    }

    private static TimeFrame rename(TimeFrame raw, String[] names) {
        TimeFrame.Builder b = TimeFrame.builder(raw.times()).zone(raw.zone()).source(raw.source());
        for (int c = 0; c < names.length; c++) {
            b.column(names[c], raw.column(c).toArray());
        }
        return b.build();
    }

    /** Frames with the same columns, one after the other (file order kept). */
    private static TimeFrame concat(List<TimeFrame> parts, String source) {
        if (parts.size() == 1) {
            return parts.get(0).withSource(source);
        }
        int n = parts.stream().mapToInt(TimeFrame::rows).sum();
        long[] times = new long[n];
        int at = 0;
        for (TimeFrame p : parts) {
            System.arraycopy(p.times(), 0, times, at, p.rows());
            at += p.rows();
        }
        TimeFrame first = parts.get(0);
        TimeFrame.Builder b = TimeFrame.builder(times).zone(first.zone()).source(source);
        for (int c = 0; c < first.columnCount(); c++) {
            double[] v = new double[n];
            at = 0;
            for (TimeFrame p : parts) {
                double[] x = p.column(c).toArray();
                System.arraycopy(x, 0, v, at, x.length);
                at += x.length;
            }
            b.column(first.columnNames().get(c), v);
        }
        return b.build();
    }
}
