package dev.vigil.core.quality;

import static java.util.Objects.requireNonNull;

/**
 * A file of a data set that was left out when it was read, and why.
 *
 * @param file the file, as messages name it (for an archive entry {@code machine.zip!/notes.txt})
 * @param reason why it was left out
 */
public record DiscardedFile(String file, String reason) {
    public DiscardedFile {
        requireNonNull(file, "file is null");
        requireNonNull(reason, "reason is null");
    }
}
