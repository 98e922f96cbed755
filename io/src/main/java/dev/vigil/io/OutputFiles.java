package dev.vigil.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files one job writes, all or none. {@link #plan} checks every output path before the work
 * starts (not a folder, in a folder that exists or can be made, that Vigil may write in) and removes
 * what a killed run of Vigil left in those folders; {@link #stage} writes each output to a temporary
 * file of Vigil's own naming beside its target ({@code .vigil-tmp-<pid>-<nonce>.<name>}, so the
 * format follows the same extension); {@link #commit} then writes a journal ({@code
 * .vigil-commit-<pid>-<nonce>.json}, one in every folder involved) listing the moves, moves every file
 * into place in the order it was staged, and deletes the journal. {@link #close} without a commit
 * deletes the temporary files (and the folders {@code stage} made), so a job that fails writes nothing.
 *
 * <p>A process killed at any moment leaves its outputs all old (killed before the last journal was
 * written) or, once the next run of Vigil recovers the folder ({@link #recover}, called by {@code plan}
 * and by every {@link AtomicFiles} write), all new: a complete journal of a process that no longer runs
 * is rolled forward, an incomplete one rolled back, and temporary files of Vigil's naming whose
 * process no longer runs are deleted. Nothing else is ever deleted: no user file matches those names.
 * The guarantee is against the process being killed or crashing, not the machine losing power (files
 * are not forced to disk). Not thread-safe: one job, one instance.
 */
public final class OutputFiles implements AutoCloseable {
    /** System property of the test hook: {@code trace} prints every step to stderr; a step number also stops there for good. */
    public static final String HOOK = "vigil.outputs.steps";

    static final String TMP_PREFIX = ".vigil-tmp-";
    static final String JOURNAL_PREFIX = ".vigil-commit-";
    private static final Pattern TMP = Pattern.compile("\\.vigil-tmp-(\\d+)-[0-9a-f]{16}\\..+");
    private static final Pattern JOURNAL = Pattern.compile("\\.vigil-commit-(\\d+)-[0-9a-f]{16}\\.json");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static int step;

    /**
     * One output of a job.
     *
     * @param what what it is, for messages ({@code "the results table"})
     * @param option the option that names it ({@code "--table-out"}), for messages
     * @param path where it goes
     */
    public record Target(String what, String option, Path path) {
        public Target {
            Objects.requireNonNull(what, "what is null");
            Objects.requireNonNull(option, "option is null");
            Objects.requireNonNull(path, "path is null");
        }
    }

    /** Writes a file's content to the path it is given. */
    @FunctionalInterface
    public interface Stager {
        /** Writes the whole content to {@code file} (a temporary path with the target's extension). */
        void write(Path file) throws IOException;
    }

    private record Staged(Target target, Path temp) {
    }

    private final Map<Path, Target> planned = new LinkedHashMap<>();
    private final List<Staged> staged = new ArrayList<>();
    private final List<Path> createdFolders = new ArrayList<>();
    private boolean committed;

    private OutputFiles() {
    }

    /**
     * Checks the outputs of a job before it starts and recovers their folders ({@link #recover}).
     *
     * @param targets the outputs (null entries are skipped)
     * @throws VigilException {@link ErrorCode#INVALID_CONFIGURATION} naming the option, the path, why it
     *     cannot be written and what to do
     */
    public static OutputFiles plan(List<Target> targets) {
        OutputFiles files = new OutputFiles();
        for (Target t : targets) {
            if (t != null) {
                check(t);
                files.planned.put(absolute(t.path()), t);
            }
        }
        Set<Path> folders = new LinkedHashSet<>();
        files.planned.keySet().forEach(p -> folders.add(p.getParent()));
        folders.forEach(OutputFiles::recover);
        for (Path p : files.planned.keySet()) {
            removeLegacyTemporaries(p);
        }
        hook("planned " + files.planned.size() + " outputs");
        return files;
    }

    /** Whether a path is one of the planned outputs. */
    public boolean planned(Path path) {
        return planned.containsKey(absolute(path));
    }

    /**
     * Writes one output to a temporary file beside its target, making missing folders; the target
     * itself is not touched until {@link #commit}. A target that was not planned is checked now.
     *
     * @return the temporary file, complete
     */
    public Path stage(Target target, Stager content) {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        Path path = absolute(target.path());
        if (!planned.containsKey(path)) {
            check(target);
            planned.put(path, target);
        }
        if (staged.stream().anyMatch(s -> absolute(s.target().path()).equals(path))) {
            throw new IllegalStateException(path + " is staged twice");
        }
        hook("staging " + path.getFileName());
        Path temp = null;
        try {
            makeFolders(path.getParent());
            temp = temporary(path);
            staged.add(new Staged(target, temp));
            content.write(temp);
            if (!Files.isRegularFile(temp)) {
                throw new IOException("nothing was written");
            }
            AtomicFiles.permissions(temp, path);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        } catch (UncheckedIOException e) {
            throw cannotWrite(target, e.getCause());
        } catch (VigilException e) {
            // a writer that writes atomically itself names the temporary file: name the target instead
            if (e.getCause() instanceof IOException io) {
                throw cannotWrite(target, io);
            }
            throw e;
        }
        hook("staged " + path.getFileName());
        return temp;
    }

    /**
     * Moves every staged file into place, in the order they were staged, through a journal that lets
     * the next run finish the moves if this process is killed while it makes them.
     */
    public void commit() {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        committed = true;
        if (staged.isEmpty()) {
            return;
        }
        Set<Path> folders = new LinkedHashSet<>();
        staged.forEach(s -> folders.add(s.temp().getParent()));
        String nonce = nonce();
        List<Path> journals = folders.stream().map(f -> f.resolve(JOURNAL_PREFIX + nonce + ".json")).toList();
        Map<String, Object> journal = new LinkedHashMap<>();
        journal.put("moves", staged.stream().map(s -> List.of(s.temp().toString(), absolute(s.target().path()).toString())).toList());
        journal.put("journals", journals.stream().map(Path::toString).toList());
        Staged current = staged.get(0);
        try {
            byte[] text = JSON.writeValueAsBytes(journal);
            for (Path j : journals) {
                Path tmp = j.resolveSibling(TMP_PREFIX + nonce + "." + j.getFileName());
                Files.write(tmp, text);
                move(tmp, j);
            }
            hook("journal written");
            for (Staged s : staged) {
                current = s;
                move(s.temp(), absolute(s.target().path()));
                hook("moved " + s.target().path().getFileName());
            }
            for (Path j : journals) {
                Files.deleteIfExists(j);
            }
            hook("journal deleted");
        } catch (IOException e) {
            // a failure part-way through the moves: the journal stays for the next run to finish them
            throw cannotWrite(current.target(), e);
        }
    }

    /** Without a commit: deletes the temporary files and the folders {@link #stage} made, so the job writes nothing. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        committed = true;
        for (Staged s : staged) {
            deleteQuietly(s.temp());
        }
        for (int i = createdFolders.size() - 1; i >= 0; i--) {
            deleteQuietly(createdFolders.get(i));
        }
    }

    /**
     * Finishes or undoes what killed runs of Vigil left in a folder: each journal of a process that no
     * longer runs is rolled forward when all its copies exist (the commit had begun), else rolled back;
     * then temporary files of Vigil's naming whose process no longer runs are deleted. A folder that
     * does not exist or cannot be listed is left alone.
     */
    public static void recover(Path folder) {
        List<Path> names;
        try (Stream<Path> s = Files.list(folder)) {
            names = s.filter(p -> p.getFileName().toString().startsWith(".vigil-")).toList();
        } catch (IOException | UncheckedIOException e) {
            return;
        }
        for (Path p : names) {
            Matcher m = JOURNAL.matcher(p.getFileName().toString());
            if (m.matches() && !running(m.group(1))) {
                finish(p);
            }
        }
        for (Path p : names) {
            Matcher m = TMP.matcher(p.getFileName().toString());
            if (m.matches() && !running(m.group(1))) {
                deleteQuietly(p);
            }
        }
    }

    private static void finish(Path journalFile) {
        Map<String, Object> journal;
        try {
            journal = JSON.readValue(Files.readAllBytes(journalFile), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            deleteQuietly(journalFile); // written atomically, so never half a journal: not one of Vigil's
            return;
        }
        @SuppressWarnings("unchecked")
        List<List<String>> moves = (List<List<String>>) journal.getOrDefault("moves", List.of());
        @SuppressWarnings("unchecked")
        List<String> copies = (List<String>) journal.getOrDefault("journals", List.of(journalFile.toString()));
        boolean complete = copies.stream().allMatch(c -> Files.exists(Path.of(c)));
        for (List<String> move : moves) {
            Path from = Path.of(move.get(0));
            if (Files.exists(from)) {
                try {
                    if (complete) {
                        move(from, Path.of(move.get(1)));
                    } else {
                        Files.deleteIfExists(from);
                    }
                } catch (IOException e) {
                    return; // keep the journal: a later run tries again
                }
            }
        }
        copies.forEach(c -> deleteQuietly(Path.of(c)));
    }

    /** Whether the process of a temporary file or journal still runs (then its files are left alone). */
    private static boolean running(String pid) {
        try {
            long id = Long.parseLong(pid);
            return id == ProcessHandle.current().pid() || ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /**
     * Deletes the temporary files earlier versions of Vigil left beside {@code target} when killed: {@code
     * .<name><digits>.tmp}, as {@code Files.createTempFile} named them for that target.
     */
    private static void removeLegacyTemporaries(Path target) {
        String prefix = "." + target.getFileName();
        try (Stream<Path> s = Files.list(target.getParent())) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(".tmp") && n.length() > prefix.length() + 4
                        && n.substring(prefix.length(), n.length() - 4).chars().allMatch(Character::isDigit);
            }).forEach(OutputFiles::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // nothing to clean
        }
    }

    /** A fresh temporary path beside {@code target}, with its name (and so its extension) at the end. */
    static Path temporary(Path target) {
        return target.resolveSibling(TMP_PREFIX + nonce() + "." + target.getFileName());
    }

    private static String nonce() {
        return ProcessHandle.current().pid() + "-" + String.format(Locale.ROOT, "%016x", ThreadLocalRandom.current().nextLong());
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void makeFolders(Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            createdFolders.add(p);
        }
    }

    /**
     * Refuses an output path that cannot be written, before any work: a folder, a path under a file, a
     * folder Vigil may not write in.
     */
    static void check(Target t) {
        Path path = absolute(t.path());
        String head = t.option() + " " + t.path();
        if (Files.isDirectory(path)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, head + " is a folder; give the path of a file for "
                    + t.what() + " (e.g. " + t.path().resolve(exampleName(t)) + ")");
        }
        Path existing = path.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, head + " cannot be written: none of its folders exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, head + " cannot be written: " + existing
                    + " is a file, not a folder. Choose a path in a folder for " + t.what());
        }
        if (!Files.isWritable(existing)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, head + " cannot be written: Vigil may not write in the folder "
                    + existing + ". Choose another folder, or allow writing in it");
        }
    }

    private static String exampleName(Target t) {
        String name = t.option().replaceFirst("^-+", "").replace("-out", "");
        String what = t.what();
        return name.isEmpty() ? "out" : name + (what.contains("JSON lines") ? ".jsonl" : what.contains("JSON") || what.contains("model") ? ".json"
                : what.contains("HTML") ? ".html" : ".csv");
    }

    /** An output that could not be written, in words: the path, why, what to do. */
    static VigilException cannotWrite(Target t, IOException e) {
        return new VigilException(ErrorCode.IO_FAILURE, "Cannot write " + t.what() + " to " + t.path() + ": " + why(e), e);
    }

    /**
     * Why a file could not be written or read, in words (no Java exception names), with what to do.
     */
    public static String why(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + shown(a.getFile()) + "). Choose another path, or allow writing there";
        }
        if (e instanceof FileAlreadyExistsException a) {
            return shown(a.getFile()) + " is in the way (a file where a folder is needed). Choose another path, or move it";
        }
        if (e instanceof NotDirectoryException a) {
            return shown(a.getFile()) + " is not a folder. Choose a path in a folder";
        }
        if (e instanceof DirectoryNotEmptyException a) {
            return shown(a.getFile()) + " is a folder. Give the path of a file";
        }
        if (e instanceof NoSuchFileException a && a.getFile() != null && Path.of(a.getFile()).getFileName() != null
                && Path.of(a.getFile()).getFileName().toString().startsWith(TMP_PREFIX)) {
            return "no file can be made in the folder " + Path.of(a.getFile()).getParent() + ". Choose another folder";
        }
        if (e instanceof NoSuchFileException a) {
            return shown(a.getFile()) + " does not exist (was a folder removed meanwhile?). Check the path and run again";
        }
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() == null ? "the file system refused" : f.getReason().toLowerCase(Locale.ROOT);
            String what = reason.contains("space") ? "Free some space, or choose another disk"
                    : reason.contains("read-only") ? "Choose a path on a disk that can be written"
                    : "Check the path and its folder, and run again";
            return reason + (f.getFile() == null ? "" : " (" + shown(f.getFile()) + ")") + ". " + what;
        }
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "the operating system refused" : e.getMessage();
        return message + ". Check the path and its folder, and run again";
    }

    /** A file named in a message: a temporary file of Vigil's by its folder, which the user knows. */
    private static String shown(String file) {
        if (file == null) {
            return "a file";
        }
        Path p = Path.of(file);
        return p.getFileName() != null && p.getFileName().toString().startsWith(TMP_PREFIX) ? "in the folder " + p.getParent() : file;
    }

    static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // left for the next run
        }
    }

    /**
     * The test hook ({@link #HOOK}): with {@code trace}, prints {@code vigil-outputs: step N: what} on stderr
     * before going on; with a number, prints the same at that step and waits there until the process is
     * killed. Off (one property read) otherwise.
     */
    private static void hook(String what) {
        String mode = System.getProperty(HOOK);
        if (mode == null) {
            return;
        }
        int n;
        synchronized (OutputFiles.class) {
            n = step++;
        }
        boolean stop = mode.equals(Integer.toString(n));
        if (stop || mode.equals("trace")) {
            PrintStream err = System.err;
            err.println("vigil-outputs: step " + n + ": " + what + (stop ? " (waiting to be killed)" : ""));
            err.flush();
        }
        if (stop) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
