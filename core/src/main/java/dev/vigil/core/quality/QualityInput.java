package dev.vigil.core.quality;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the data-quality report looks at: the tables of a data set as read, and its files.
 *
 * @param sources the tables, each with its component
 * @param totalFiles the data files found, read or not
 * @param discarded the files left out, with why
 */
public record QualityInput(List<QualitySource> sources, int totalFiles, List<DiscardedFile> discarded) {
    public QualityInput {
        sources = List.copyOf(requireNonNull(sources, "sources is null"));
        discarded = List.copyOf(requireNonNull(discarded, "discarded is null"));
        if (totalFiles < discarded.size()) {
            throw new IllegalArgumentException(totalFiles + " files in all, but " + discarded.size() + " discarded");
        }
    }

    /** One table read from one file. */
    public static QualityInput of(QualitySource source) {
        return new QualityInput(List.of(source), 1, List.of());
    }
}
