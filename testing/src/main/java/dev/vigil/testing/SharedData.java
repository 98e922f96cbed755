package dev.vigil.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the team's shared data ({@code ../shared} beside the repository): the TIM tutorial files and
 * the full NAB corpus, which are not bundled (no licence, or too large). A fresh clone has no shared
 * folder; checks and benchmarks that need it must then say plainly that they are skipped.
 *
 * <p>Looked up in the system property {@code vigil.shared}, then the environment variable {@code
 * VIGIL_SHARED}, then {@code ../shared} from the repository root (the first folder upwards from the
 * working directory that holds the {@code vigil} launcher).
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared folder, if present. */
    public static Optional<Path> root() {
        String configured = System.getProperty("vigil.shared", System.getenv("VIGIL_SHARED"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("vigil"))) {
            dir = dir.getParent();
        }
        if (dir == null || dir.getParent() == null) {
            return Optional.empty();
        }
        Path shared = dir.getParent().resolve("shared");
        return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
    }

    /** A file below the shared folder, e.g. {@code datasets/tim/production_line.csv}, if present. */
    public static Optional<Path> file(String relative) {
        return root().map(r -> r.resolve(relative)).filter(Files::exists);
    }

    /**
     * A file below the shared folder for a test that needs it; when it is absent, says so on the
     * build's console (standard error, which Maven shows beside the test's name, not only in the XML
     * report) and skips the test with the same message.
     */
    public static Path require(String relative) {
        Optional<Path> file = file(relative);
        if (file.isEmpty()) {
            String message = skipped(relative);
            System.err.println("[vigil] " + message);
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        return file.get();
    }

    /** The message a skipped check gives when a shared file is absent. */
    public static String skipped(String relative) {
        return "skipped: ../shared/" + relative + " is not available (a fresh clone has no shared data; "
                + "set -Dvigil.shared=DIR or VIGIL_SHARED to point at it)";
    }
}
