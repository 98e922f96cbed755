package dev.vigil.spi;

/**
 * Who can act on a {@link VigilException}: the user who passed the input, the author of a plugin,
 * Vigil's maintainers, or whoever looks after the file system.
 */
public enum ErrorKind {
    /** The input (data, configuration, model file, command-line value) is wrong; the message says how to fix it. */
    USER_INPUT,
    /** A plugin broke its contract (duplicate name, exception, wrong output). */
    PLUGIN,
    /** A file could not be read or written for a reason outside the input itself. */
    IO,
    /** A bug in Vigil. */
    INTERNAL
}
