package dev.vigil.scheduler;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which files of the input folder an execution reads (reference §5.6): names {@code
 * {component}{delimiter}{timestamp}.csv}, the timestamp in the configured format and offset; the candidates of
 * window (S, E] are those stamped within [S − f, E + f], since files may be stamped with the window's start
 * or its end. A name is parsed from its end: the timestamp suffix, then the delimiter, then the component, which
 * must be one of the model's when the model names its components. Names that do not parse are ignored and
 * counted. Stateless.
 */
final class InputFiles {
    private InputFiles() {
    }

    /** One input file: its component, name timestamp and path. */
    record Input(String component, Instant stamp, Path file) {
    }

    /**
     * The candidates of a window, per component (sorted by name), each component's files oldest stamp first, so
     * that where files repeat a row the newest file's value comes last.
     *
     * @param components the model's components; empty: any component
     * @param ignored receives the number of files whose names do not parse
     */
    static Map<String, List<Path>> candidates(SchedulerConfig config, Collection<String> components, Window w, int[] ignored) {
        Instant from = w.start().minus(config.frequency());
        Instant to = w.end().plus(config.frequency());
        List<Input> inputs = new ArrayList<>();
        for (Input in : list(config, components, ignored)) {
            if (!in.stamp().isBefore(from) && !in.stamp().isAfter(to)) {
                inputs.add(in);
            }
        }
        inputs.sort(Comparator.comparing(Input::component).thenComparing(Input::stamp).thenComparing(i -> i.file().getFileName().toString()));
        Map<String, List<Path>> out = new TreeMap<>();
        for (Input in : inputs) {
            out.computeIfAbsent(in.component(), k -> new ArrayList<>()).add(in.file());
        }
        return out;
    }

    /** Every input file of the folder whose name parses. */
    static List<Input> list(SchedulerConfig config, Collection<String> components, int[] ignored) {
        List<Input> out = new ArrayList<>();
        if (!Files.isDirectory(config.input())) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, "The input folder " + config.input()
                    + (Files.exists(config.input()) ? " is not a folder" : " does not exist"));
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(config.input())) {
            for (Path f : dir) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(f)) {
                    continue; // hidden files: temporary files of a copy in progress, editors' litter
                }
                Input in = parse(name, f, config, components);
                if (in == null) {
                    ignored[0]++;
                } else {
                    out.add(in);
                }
            }
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot list the input folder " + config.input() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** A file name parsed: strip {@code .csv}, match the timestamp at the end, the rest is component + delimiter. */
    static Input parse(String name, Path file, SchedulerConfig config, Collection<String> components) {
        return read(name, file, config, components).input();
    }

    /** A file name read: its input, or why it is ignored. */
    record Parsed(Input input, String why) {
    }

    private static Parsed read(String name, Path file, SchedulerConfig config, Collection<String> components) {
        String pattern = "does not parse as {component}" + (config.delimiter().isEmpty() ? "" : config.delimiter()) + "{timestamp}.csv "
                + "(timestamp " + config.timestampFormat().text() + ", delimiter '" + config.delimiter() + "')";
        if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return new Parsed(null, pattern);
        }
        String stem = name.substring(0, name.length() - 4);
        NameFormat.Stamp stamp = config.timestampFormat().parseSuffix(stem, config.timeZoneOffset());
        if (stamp == null) {
            return new Parsed(null, pattern);
        }
        String head = stem.substring(0, stem.length() - stamp.length());
        if (!head.endsWith(config.delimiter())) {
            return new Parsed(null, pattern);
        }
        String component = head.substring(0, head.length() - config.delimiter().length());
        if (component.isEmpty()) {
            return new Parsed(null, pattern);
        }
        if (!components.isEmpty() && !components.contains(component)) {
            return new Parsed(null, "names component '" + component + "', which the model lacks (it has " + String.join(", ",
                    new java.util.TreeSet<>(components)) + ")");
        }
        return new Parsed(new Input(component, stamp.instant(), file), null);
    }

    /**
     * The first (by name) file of the input folder that is ignored, with why: {@code "'name' <why>"}; {@code null}
     * when every visible file's name parses.
     */
    static String ignoredExample(SchedulerConfig config, Collection<String> components) {
        try (var files = Files.list(config.input())) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".") && Files.isRegularFile(f))
                    .map(f -> Map.entry(f.getFileName().toString(), read(f.getFileName().toString(), f, config, components)))
                    .filter(e -> e.getValue().input() == null).min(Map.Entry.comparingByKey())
                    .map(e -> "'" + e.getKey() + "' " + e.getValue().why()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Lookout's {@code FailedReason} when a component has no row in the window, word for word: the window as
     * {@code (S, E]} and the candidate names {@code prefix component delim ts(S − f)} to {@code … ts(E + f)}.
     */
    static String missingData(SchedulerConfig config, String component, Window w) {
        String prefix = config.input().toString().endsWith("/") ? config.input().toString() : config.input() + "/";
        String first = config.timestampFormat().format(w.start().minus(config.frequency()), config.timeZoneOffset());
        String last = config.timestampFormat().format(w.end().plus(config.frequency()), config.timeZoneOffset());
        return "Could not find data file for sensor " + component + " within expected range of (" + w.start() + ", " + w.end()
                + "]. Please ensure data is present for all sensors of the machine under prefix '" + prefix + component + config.delimiter() + first
                + "' ~ '" + prefix + component + config.delimiter() + last + "'";
    }
}
