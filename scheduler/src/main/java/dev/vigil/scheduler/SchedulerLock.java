package dev.vigil.scheduler;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The right to run one scheduler: an exclusive lock on {@code <home>/locks/<name>.lock}, held by one process at a
 * time (the operating system releases it when the process dies, even by {@code kill -9}). The file holds the
 * holder's process id, for the message the second process gets. Close it to release.
 */
public final class SchedulerLock implements AutoCloseable {
    /**
     * The lock files this process holds: asked again, they are refused without opening the file a second time (on
     * Linux, closing any channel of a file drops every lock the process holds on it).
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final FileChannel channel;
    private final FileLock lock;
    private final Path file;

    private SchedulerLock(FileChannel channel, FileLock lock, Path file) {
        this.channel = channel;
        this.lock = lock;
        this.file = file;
    }

    /**
     * Takes the lock of a scheduler.
     *
     * @throws VigilException {@link ErrorCode#INVALID_CONFIGURATION} when another process (or this one) holds it
     */
    public static SchedulerLock acquire(Path home, String name) {
        Path file = home.resolve("locks").resolve(name + ".lock").toAbsolutePath().normalize();
        if (!HELD.add(file)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Scheduler '" + name + "' is already run by this process (pid "
                    + ProcessHandle.current().pid() + "), which holds " + file + "; one process runs a scheduler at a time");
        }
        FileChannel ch = null;
        boolean locked = false;
        try {
            Files.createDirectories(file.getParent());
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                ch.close();
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Scheduler '" + name + "' is already run by another process"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + ", which holds " + file + "; one process runs a scheduler at a time. "
                        + "Stop that one first, or let it run");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            locked = true;
            return new SchedulerLock(ch, l, file);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // reported below
                }
            }
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot lock " + file + ": " + e.getMessage(), e);
        } finally {
            if (!locked) {
                HELD.remove(file);
            }
        }
    }

    /** Whether some process holds the lock of a scheduler now. */
    public static boolean held(Path home, String name) {
        try (SchedulerLock l = acquire(home, name)) {
            return false;
        } catch (VigilException e) {
            return e.code() == ErrorCode.INVALID_CONFIGURATION;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
            HELD.remove(file);
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot release a scheduler lock: " + e.getMessage(), e);
        }
    }
}
