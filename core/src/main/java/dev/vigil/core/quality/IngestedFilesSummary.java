package dev.vigil.core.quality;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The files of a data set, Lookout's {@code IngestedFilesSummary}.
 *
 * @param totalNumberOfFiles the data files found
 * @param ingestedNumberOfFiles those read
 * @param discardedFiles those left out, with why
 */
public record IngestedFilesSummary(int totalNumberOfFiles, int ingestedNumberOfFiles, List<DiscardedFile> discardedFiles) {
    public IngestedFilesSummary {
        discardedFiles = List.copyOf(requireNonNull(discardedFiles, "discardedFiles is null"));
    }
}
