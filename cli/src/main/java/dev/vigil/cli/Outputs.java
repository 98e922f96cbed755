package dev.vigil.cli;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Guards the rule that nothing a user passes in is overwritten. */
final class Outputs {
    private Outputs() {
    }

    /**
     * Refuses output paths that name an input file or each other.
     *
     * @param inputs input paths (nulls ignored)
     * @param outputs output option name and path pairs (null paths ignored)
     */
    static void requireDistinct(List<Path> inputs, Object... outputs) {
        List<Path> seen = new ArrayList<>();
        for (int i = 0; i < outputs.length; i += 2) {
            String option = (String) outputs[i];
            Path out = (Path) outputs[i + 1];
            if (out == null) {
                continue;
            }
            for (Path in : inputs) {
                if (in != null && same(in, out)) {
                    throw new VigilException(ErrorCode.INVALID_CONFIGURATION, option + " " + out
                            + " is an input file; Vigil never overwrites its inputs. Choose another path");
                }
            }
            for (Path other : seen) {
                if (same(other, out)) {
                    throw new VigilException(ErrorCode.INVALID_CONFIGURATION, option + " " + out + " is given for two outputs; choose distinct paths");
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
