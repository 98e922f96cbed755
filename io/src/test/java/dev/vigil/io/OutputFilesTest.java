package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One job's outputs: checked first, all or none, moved in order, and what a killed run left is finished or removed. */
class OutputFilesTest {
    /** A process id that runs no process: far above Linux's pid_max. */
    private static final long DEAD = 4_000_000_000L;

    @TempDir
    Path dir;

    private OutputFiles.Target target(String name) {
        return new OutputFiles.Target("the " + name, "--" + name + "-out", dir.resolve(name));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void committedOutputsReplaceTheOldOnesTogetherAndLeaveNoTemporaryFile() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "old a");
        Files.writeString(dir.resolve("b.json"), "old b");
        try (OutputFiles out = OutputFiles.plan(List.of(target("a.csv"), target("b.json")))) {
            Path staged = out.stage(target("a.csv"), p -> Files.writeString(p, "new a"));
            assertThat(staged.getFileName().toString()).startsWith(".vigil-tmp-").endsWith(".a.csv");
            out.stage(target("b.json"), p -> Files.writeString(p, "new b"));
            assertThat(Files.readString(dir.resolve("a.csv"))).as("nothing moves before the commit").isEqualTo("old a");
            out.commit();
        }
        assertThat(Files.readString(dir.resolve("a.csv"))).isEqualTo("new a");
        assertThat(Files.readString(dir.resolve("b.json"))).isEqualTo("new b");
        assertThat(names()).containsExactly("a.csv", "b.json");
    }

    @Test
    void aJobThatFailsBeforeItsCommitWritesNothingNotEvenAFolder() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "old a");
        OutputFiles.Target nested = new OutputFiles.Target("the report", "--json-out", dir.resolve("new/deeper/r.json"));
        assertThatThrownBy(() -> {
            try (OutputFiles out = OutputFiles.plan(List.of(target("a.csv"), nested))) {
                out.stage(target("a.csv"), p -> Files.writeString(p, "new a"));
                out.stage(nested, p -> Files.writeString(p, "{}"));
                throw new VigilException(ErrorCode.BAD_VALUE, "a bad label value");
            }
        }).hasMessage("a bad label value");
        assertThat(Files.readString(dir.resolve("a.csv"))).isEqualTo("old a");
        assertThat(names()).containsExactly("a.csv");
    }

    @Test
    void aWriterThatFailsIsReportedByTheTargetsNameNeverTheTemporaryOne() throws IOException {
        try (OutputFiles out = OutputFiles.plan(List.of(target("a.csv")))) {
            assertThatThrownBy(() -> out.stage(target("a.csv"), p -> {
                throw new AccessDeniedException(p.toString());
            })).isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_FAILURE))
                    .hasMessage("Cannot write the a.csv to " + dir.resolve("a.csv") + ": permission denied (in the folder " + dir
                            + "). Choose another path, or allow writing there");
        }
        assertThat(names()).isEmpty();
    }

    @Test
    void pathsThatCannotBeWrittenAreRefusedBeforeTheWorkInWords() throws IOException {
        Files.createDirectory(dir.resolve("results.csv"));
        assertThatThrownBy(() -> OutputFiles.plan(List.of(target("results.csv"))))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageStartingWith("--results.csv-out " + dir.resolve("results.csv") + " is a folder; give the path of a file");
        Files.writeString(dir.resolve("plain"), "a file");
        OutputFiles.Target under = new OutputFiles.Target("the model", "--model-out", dir.resolve("plain/sub/model.json"));
        assertThatThrownBy(() -> OutputFiles.plan(List.of(under)))
                .hasMessage("--model-out " + under.path() + " cannot be written: " + dir.resolve("plain")
                        + " is a file, not a folder. Choose a path in a folder for the model");
        assertThat(names()).containsExactly("plain", "results.csv");
    }

    @Test
    void whyNamesNoJavaException() {
        assertThat(OutputFiles.why(new FileSystemException("/x/y.csv", null, "No space left on device")))
                .isEqualTo("no space left on device (/x/y.csv). Free some space, or choose another disk");
        assertThat(OutputFiles.why(new FileSystemException("/x/y.csv", null, "Read-only file system")))
                .isEqualTo("read-only file system (/x/y.csv). Choose a path on a disk that can be written");
        assertThat(OutputFiles.why(new java.nio.file.FileAlreadyExistsException("/x")))
                .isEqualTo("/x is in the way (a file where a folder is needed). Choose another path, or move it");
        assertThat(OutputFiles.why(new java.nio.file.NoSuchFileException("/proc/.vigil-tmp-1-00000000000000aa.r.csv")))
                .isEqualTo("no file can be made in the folder /proc. Choose another folder");
        for (IOException e : List.of(new FileSystemException("/a"), new java.nio.file.NotDirectoryException("/a"),
                new java.nio.file.NoSuchFileException("/a"), new java.nio.file.DirectoryNotEmptyException("/a"), new IOException())) {
            assertThat(OutputFiles.why(e)).doesNotContain("Exception").doesNotContain("FileSystem (");
        }
    }

    /** What a process killed after writing its journal leaves: a complete journal and temporary files. */
    private void killedAfterTheJournal(boolean complete) throws IOException {
        Path tempA = dir.resolve(".vigil-tmp-" + DEAD + "-00000000000000aa.a.csv");
        Path tempB = dir.resolve(".vigil-tmp-" + DEAD + "-00000000000000bb.b.json");
        Files.writeString(tempA, "new a");
        Files.writeString(tempB, "new b");
        Path journal = dir.resolve(".vigil-commit-" + DEAD + "-00000000000000cc.json");
        Path elsewhere = dir.resolve("other/.vigil-commit-" + DEAD + "-00000000000000cc.json");
        String copies = complete ? "\"" + journal + "\"" : "\"" + journal + "\",\"" + elsewhere + "\"";
        Files.writeString(journal, "{\"moves\":[[\"" + tempA + "\",\"" + dir.resolve("a.csv") + "\"],[\"" + tempB + "\",\""
                + dir.resolve("b.json") + "\"]],\"journals\":[" + copies + "]}");
    }

    @Test
    void theNextRunFinishesTheMovesOfACompleteJournal() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "old a");
        Files.writeString(dir.resolve("b.json"), "old b");
        killedAfterTheJournal(true);
        OutputFiles.recover(dir);
        assertThat(Files.readString(dir.resolve("a.csv"))).isEqualTo("new a");
        assertThat(Files.readString(dir.resolve("b.json"))).isEqualTo("new b");
        assertThat(names()).containsExactly("a.csv", "b.json");
    }

    @Test
    void theNextRunUndoesAnIncompleteJournal() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "old a");
        Files.writeString(dir.resolve("b.json"), "old b");
        killedAfterTheJournal(false);
        OutputFiles.recover(dir);
        assertThat(Files.readString(dir.resolve("a.csv"))).isEqualTo("old a");
        assertThat(Files.readString(dir.resolve("b.json"))).isEqualTo("old b");
        assertThat(names()).containsExactly("a.csv", "b.json");
    }

    @Test
    void staleTemporaryFilesOfVigilsNamingAreRemovedAndNothingElseIs() throws IOException {
        List<String> users = List.of(".vigil-tmp-notapid-00000000000000aa.a.csv", ".vigil-tmp-" + DEAD + "-short.a.csv", ".a.csvbackup.tmp",
                ".b.csv123.tmp", "a.csv.tmp", ".vigil-commit-" + DEAD + ".json", "notes.txt");
        for (String n : users) {
            Files.writeString(dir.resolve(n), "mine");
        }
        String mine = ".vigil-tmp-" + ProcessHandle.current().pid() + "-00000000000000dd.a.csv";
        Files.writeString(dir.resolve(mine), "a running Vigil's");
        Files.writeString(dir.resolve(".vigil-tmp-" + DEAD + "-00000000000000ee.a.csv"), "half");
        Files.writeString(dir.resolve(".a.csv8123456789012345678.tmp"), "half, as earlier versions named it");
        try (OutputFiles out = OutputFiles.plan(List.of(target("a.csv")))) {
            assertThat(names()).containsExactlyInAnyOrderElementsOf(Stream.concat(users.stream(), Stream.of(mine)).toList());
        }
        String later = ".vigil-tmp-" + DEAD + "-00000000000000ff.y.csv";
        Files.writeString(dir.resolve(later), "left by another killed run");
        AtomicFiles.writeText(dir.resolve("x.txt"), w -> w.write("x"));
        assertThat(names()).as("every atomic write cleans up first").contains(mine, "x.txt").doesNotContain(later);
    }
}
