package dev.vigil.io.layout;

import static java.util.Objects.requireNonNull;

import dev.vigil.io.csv.CsvTokenizer;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tags description (the AWS Lookout samples' {@code Tag,UOM,Subsystem} or {@code Tag,Component}): for
 * each signal its unit and the group (subsystem or component) its contributions add up to
 * (docs/file-formats.md#tags-file). A user-side file: every tag must name a signal of the data, else it is
 * refused; signals it does not list belong to their own component (or to none).
 *
 * @param source the file, for messages
 * @param tags one per listed signal, in file order
 */
public record Tags(String source, List<Tag> tags) {
    /**
     * One line of a tags file.
     *
     * @param signal the column of the data it describes ({@code component\tag} for component folders)
     * @param uom its unit of measure, {@code ""} when not given
     * @param group its subsystem (or component) for totals, {@code ""} when not given
     */
    public record Tag(String signal, String uom, String group) {
        public Tag {
            requireNonNull(signal, "signal is null");
            requireNonNull(uom, "uom is null");
            requireNonNull(group, "group is null");
        }
    }

    public Tags {
        requireNonNull(source, "source is null");
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
    }

    /**
     * Reads a tags file against the data's signals. The header names the columns: {@code Tag} (required),
     * {@code UOM}, and {@code Subsystem} or {@code Component} (in any case and order; others are ignored).
     * A tag is a column's full name, or the tag of exactly one {@code component\tag} column.
     *
     * @param signals the data's column names
     * @throws VigilException {@link ErrorCode#UNKNOWN_COLUMN} naming the file, line and tag of a tag that is no
     *     signal of the data, with the nearest and the signals there are; {@link ErrorCode#MALFORMED_DATA} for a
     *     header without {@code Tag}, a tag listed twice or an empty one
     */
    public static Tags read(Path file, Collection<String> signals) {
        String name = file.toString();
        Map<String, List<String>> byTag = new HashMap<>();
        for (String s : signals) {
            byTag.computeIfAbsent(s, k -> new ArrayList<>()).add(s);
            int at = s.indexOf(SignalId.SEPARATOR);
            if (at >= 0) {
                byTag.computeIfAbsent(s.substring(at + 1), k -> new ArrayList<>()).add(s);
            }
        }
        List<Tag> out = new ArrayList<>();
        Map<String, Long> seen = new LinkedHashMap<>();
        try (CsvTokenizer csv = CsvTokenizer.open(file)) {
            List<String> header = csv.header();
            int tag = -1;
            int uom = -1;
            int group = -1;
            for (int i = 0; i < header.size(); i++) {
                switch (header.get(i).toLowerCase(Locale.ROOT)) {
                    case "tag" -> tag = i;
                    case "uom" -> uom = i;
                    case "subsystem" -> group = i;
                    case "component" -> group = group < 0 ? i : group;
                    default -> {
                    }
                }
            }
            if (tag < 0) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, name + " line 1: the header " + header + " has no column 'Tag'; a tags file "
                        + "has the header Tag,UOM,Subsystem (or Tag,Component) and one line per signal");
            }
            while (csv.next()) {
                String t = csv.field(tag).strip();
                if (t.isEmpty()) {
                    throw new VigilException(ErrorCode.MALFORMED_DATA, name + " line " + csv.line() + ", column '" + header.get(tag)
                            + "': empty; every line names a signal");
                }
                List<String> match = exact(t, signals) ? List.of(t) : byTag.getOrDefault(t, List.of());
                if (match.size() != 1) {
                    throw new VigilException(ErrorCode.UNKNOWN_COLUMN, name + " line " + csv.line() + ", column '" + header.get(tag) + "': "
                            + (match.isEmpty() ? "the data have no signal " + Names.unknown(t, signals, "signals")
                                    : "'" + t + "' is the tag of several signals (" + String.join(", ", match) + "); write it as component\\tag"));
                }
                String signal = match.get(0);
                Long before = seen.put(signal, csv.line());
                if (before != null) {
                    throw new VigilException(ErrorCode.MALFORMED_DATA, name + " line " + csv.line() + ": the signal '" + signal
                            + "' is described on line " + before + " already");
                }
                out.add(new Tag(signal, uom < 0 ? "" : csv.field(uom).strip(), group < 0 ? "" : csv.field(group).strip()));
            }
        }
        return new Tags(name, out);
    }

    private static boolean exact(String t, Collection<String> signals) {
        return signals.contains(t);
    }

    /** The description of a signal, if listed. */
    public Optional<Tag> of(String signal) {
        return tags.stream().filter(t -> t.signal().equals(signal)).findFirst();
    }

    /**
     * The group of every signal: its tag's group when listed with one, else its component ({@code
     * component\tag}), else the signal itself. The map contributions are summed by.
     */
    public Map<String, String> groups(Collection<String> signals) {
        Map<String, String> given = new HashMap<>();
        for (Tag t : tags) {
            if (!t.group().isEmpty()) {
                given.put(t.signal(), t.group());
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : signals) {
            String g = given.get(s);
            if (g == null) {
                g = SignalId.parse(s).hasComponent() ? SignalId.parse(s).component() : s;
            }
            out.put(s, g);
        }
        return out;
    }
}
