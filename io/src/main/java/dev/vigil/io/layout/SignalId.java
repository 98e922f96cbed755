package dev.vigil.io.layout;

import static java.util.Objects.requireNonNull;

/**
 * A signal's name in Lookout's form: the component it belongs to and its tag, written {@code
 * component\tag} (in JSON {@code "component\\tag"}), the name of its column in a frame read from component
 * folders. A signal without a component (a column of a one-table file, a per-variable file) has an empty
 * component and is written as its tag alone.
 *
 * @param component the component, {@code ""} for none; never holds a backslash
 * @param tag the sensor's name within it, not empty
 */
public record SignalId(String component, String tag) {
    /** The separator between component and tag. */
    public static final char SEPARATOR = '\\';

    public SignalId {
        requireNonNull(component, "component is null");
        requireNonNull(tag, "tag is null");
        if (tag.isEmpty()) {
            throw new IllegalArgumentException("a signal needs a tag");
        }
        if (component.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a component name cannot hold a backslash: '" + component + "'");
        }
    }

    /** A signal without a component. */
    public static SignalId of(String tag) {
        return new SignalId("", tag);
    }

    /** The signal a column name writes: {@code component\tag} split at its first backslash, else a tag alone. */
    public static SignalId parse(String name) {
        int at = name.indexOf(SEPARATOR);
        return at < 0 ? of(name) : new SignalId(name.substring(0, at), name.substring(at + 1));
    }

    /** Whether it names a component. */
    public boolean hasComponent() {
        return !component.isEmpty();
    }

    /** {@code component\tag}, or the tag alone without a component: the column name. */
    @Override
    public String toString() {
        return component.isEmpty() ? tag : component + SEPARATOR + tag;
    }
}
