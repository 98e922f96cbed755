package dev.vigil.scheduler;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Lookout's {@code InferenceInputNameConfiguration.TimestampFormat}: how the timestamp at the end of an input
 * file's name is written (reference §5.6). {@link #EPOCH} is whole seconds since 1970-01-01 UTC; the two
 * date-time forms are read in the scheduler's {@code InputTimeZoneOffset}.
 */
public enum NameFormat {
    /** Whole seconds since 1970-01-01T00:00:00Z, e.g. {@code 1652443800}. */
    EPOCH("EPOCH", "\\d{1,12}"),
    /** {@code 2022-05-13-12-10-00}. */
    DASHED("yyyy-MM-dd-HH-mm-ss", "\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}"),
    /** {@code 20220513121000}. */
    COMPACT("yyyyMMddHHmmss", "\\d{14}");

    private final String text;
    private final Pattern suffix;
    private final DateTimeFormatter formatter;

    NameFormat(String text, String regex) {
        this.text = text;
        this.suffix = Pattern.compile("(" + regex + ")$");
        this.formatter = text.equals("EPOCH") ? null : DateTimeFormatter.ofPattern(text, Locale.ROOT);
    }

    /** As Lookout spells it: {@code EPOCH}, {@code yyyy-MM-dd-HH-mm-ss} or {@code yyyyMMddHHmmss}. */
    public String text() {
        return text;
    }

    /** The three spellings, for messages. */
    public static List<String> texts() {
        return List.of(EPOCH.text, DASHED.text, COMPACT.text);
    }

    /** The format spelled {@code text} (exactly as Lookout spells it), or {@code null}. */
    static NameFormat ofText(String text) {
        for (NameFormat f : values()) {
            if (f.text.equals(text)) {
                return f;
            }
        }
        return null;
    }

    /** An instant as written in a file name, in the given offset. */
    public String format(Instant t, ZoneOffset offset) {
        if (this == EPOCH) {
            return Long.toString(t.getEpochSecond());
        }
        return formatter.format(LocalDateTime.ofInstant(t, offset));
    }

    /**
     * The timestamp at the end of a file's stem: its length in characters and its instant, or {@code null} when
     * the stem does not end with one in this format.
     */
    Stamp parseSuffix(String stem, ZoneOffset offset) {
        var m = suffix.matcher(stem);
        if (!m.find()) {
            return null;
        }
        String s = m.group(1);
        try {
            Instant t = this == EPOCH ? Instant.ofEpochSecond(Long.parseLong(s)) : LocalDateTime.parse(s, formatter).toInstant(offset);
            return new Stamp(s.length(), t);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** A file name's timestamp: how many characters it takes at the end of the stem, and when it is. */
    record Stamp(int length, Instant instant) {
    }

    @Override
    public String toString() {
        return text;
    }
}
