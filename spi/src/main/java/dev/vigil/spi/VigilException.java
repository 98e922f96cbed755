package dev.vigil.spi;

import java.util.List;
import java.util.Objects;

/**
 * The one exception Vigil throws. It carries an {@link ErrorCode} (and through it an
 * {@link ErrorKind}) and a message written for the person who must act: it names the file, row,
 * column and value at fault and says what would be valid. When several problems are found at once
 * (a configuration file with three wrong keys) they are all in {@link #problems()} and the message
 * lists them.
 */
public final class VigilException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final List<String> problems;

    /** An error with one problem, described by the message. */
    public VigilException(ErrorCode code, String message) {
        this(code, message, (Throwable) null);
    }

    /** An error with one problem and the exception that caused it. */
    public VigilException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message is null"), cause);
        this.code = Objects.requireNonNull(code, "code is null");
        this.problems = List.of(message);
    }

    private VigilException(ErrorCode code, String summary, List<String> problems) {
        super(summary + System.lineSeparator() + "  - "
                + String.join(System.lineSeparator() + "  - ", problems));
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    /**
     * An error listing several problems found together, e.g. every invalid key of a configuration.
     *
     * @param summary one line saying what was being checked ("Invalid configuration in cfg.json")
     * @param problems the problems, at least one
     */
    public static VigilException ofProblems(ErrorCode code, String summary, List<String> problems) {
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(summary, "summary is null");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems is empty");
        }
        return new VigilException(code, summary, problems);
    }

    /** The error code. */
    public ErrorCode code() {
        return code;
    }

    /** Who can act on this error. */
    public ErrorKind kind() {
        return code.kind();
    }

    /** Each problem found, one sentence each; a single element unless built with {@link #ofProblems}. */
    public List<String> problems() {
        return problems;
    }
}
