package dev.vigil.cli;

import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outputs of a job command, checked before the work starts ({@link #plan}): nothing a user passes
 * in is overwritten, no two outputs share a path, data tables have an extension Vigil can write, and
 * every path can be written ({@link OutputFiles}). A job then stages its outputs and commits them
 * together, so a job that fails writes nothing.
 */
final class Outputs {
    private Outputs() {
    }

    /**
     * Checks a job's outputs and recovers their folders.
     *
     * @param files the data formats, for the extensions of {@code tables}
     * @param inputs input paths (nulls ignored)
     * @param targets the outputs (nulls ignored)
     * @param tables the outputs that are data tables, whose extension must name a format (nulls ignored)
     */
    static OutputFiles plan(DataFiles files, List<Path> inputs, List<OutputFiles.Target> targets, Path... tables) {
        requireDistinct(inputs, targets);
        OutputFiles plan = OutputFiles.plan(targets); // checks each path first (a folder, a missing parent, …) with the option's name
        try {
            for (Path t : tables) {
                if (t != null) {
                    files.formatOf(t);
                }
            }
        } catch (RuntimeException e) {
            plan.close();
            throw e;
        }
        return plan;
    }

    /** One output (null when {@code path} is). */
    static OutputFiles.Target target(String what, String option, Path path) {
        return path == null ? null : new OutputFiles.Target(what, option, path);
    }

    /**
     * Refuses output paths that name an input file or each other.
     *
     * @param inputs input paths (nulls ignored)
     * @param outputs output option name and path pairs (null paths ignored)
     */
    static void requireDistinct(List<Path> inputs, Object... outputs) {
        List<OutputFiles.Target> targets = new ArrayList<>();
        for (int i = 0; i < outputs.length; i += 2) {
            targets.add(target("an output", (String) outputs[i], (Path) outputs[i + 1]));
        }
        requireDistinct(inputs, targets);
    }

    private static void requireDistinct(List<Path> inputs, List<OutputFiles.Target> targets) {
        List<Path> seen = new ArrayList<>();
        for (OutputFiles.Target t : targets) {
            if (t == null) {
                continue;
            }
            Path out = t.path();
            for (Path in : inputs) {
                if (in != null && same(in, out)) {
                    throw new VigilException(ErrorCode.INVALID_CONFIGURATION, t.option() + " " + out
                            + " is an input file; Vigil never overwrites its inputs. Choose another path");
                }
            }
            for (Path other : seen) {
                if (same(other, out)) {
                    throw new VigilException(ErrorCode.INVALID_CONFIGURATION, t.option() + " " + out + " is given for two outputs; choose distinct paths");
                }
            }
            seen.add(out);
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to comparing names
        }
        return Objects.equals(a.toAbsolutePath().normalize(), b.toAbsolutePath().normalize());
    }
}
