package dev.vigil.io;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files atomically: into a temporary file beside the target, then moved over it in one step,
 * so that a reader never sees half a file and a failed write leaves the old file intact.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes text. */
    @FunctionalInterface
    public interface TextWriter {
        /** Writes the content. */
        void write(BufferedWriter out) throws IOException;
    }

    /** Something that writes bytes. */
    @FunctionalInterface
    public interface ByteWriter {
        /** Writes the content. */
        void write(OutputStream out) throws IOException;
    }

    /** Writes UTF-8 text to {@code target} atomically, creating parent folders. */
    public static void writeText(Path target, TextWriter content) {
        writeBytes(target, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            content.write(w);
            w.flush();
        });
    }

    /**
     * Writes bytes to {@code target} atomically, creating parent folders: into a temporary file of
     * Vigil's naming beside it ({@link OutputFiles}), then moved over it. What killed runs of Vigil left
     * in the folder is cleaned up first ({@link OutputFiles#recover}).
     */
    public static void writeBytes(Path target, ByteWriter content) {
        Path absolute = OutputFiles.absolute(target);
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            if (Files.isDirectory(absolute)) {
                throw new VigilException(ErrorCode.IO_FAILURE, "Cannot write " + target + ": it is a folder. Give the path of a file");
            }
            Files.createDirectories(dir);
            OutputFiles.recover(dir);
            tmp = OutputFiles.temporary(absolute);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.write(out);
            }
            permissions(tmp, absolute);
            OutputFiles.move(tmp, absolute);
            tmp = null;
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot write " + target + ": " + OutputFiles.why(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more than a leftover temporary file (the next run removes it)
                }
            }
        }
    }

    /**
     * Gives a temporary file the permissions of the file it will replace, or {@code rw-r--r--} for a new
     * file, as a plain write would.
     */
    static void permissions(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }
}
