package dev.vigil.all;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's "As a library" section shows the code (the KPI-driven snippet and the two system-driven ones) that the consumer project under {@code
 * src/it/readme-snippet} compiles and runs (invoker:run, in {@code mvn verify}), and the coordinates
 * that project uses: the two cannot drift apart.
 */
class ReadmeTest {
    private static final Path README = Path.of("../README.md");
    private static final Path IT = Path.of("src/it/readme-snippet");

    @Test
    void readmeShowsTheSnippetsTheConsumerProjectRuns() throws IOException {
        String readme = Files.readString(README);
        assertThat(readme).contains(snippet("ReadmeSnippet.java", "README snippet"));
        assertThat(readme).contains(snippet("SystemReadmeSnippets.java", "README system-driven snippet"));
        assertThat(readme).contains(snippet("SystemReadmeSnippets.java", "README system-detector snippet"));
    }

    /** The code between {@code // <marker> begins} and {@code // <marker> ends} in a consumer class, as README shows it. */
    private static String snippet(String file, String marker) throws IOException {
        List<String> java = Files.readAllLines(IT.resolve("src/main/java/example").resolve(file));
        int begin = indexOf(java, "// " + marker + " begins", file);
        int end = indexOf(java, "// " + marker + " ends", file);
        assertThat(end).as(file + ": " + marker).isGreaterThan(begin + 1);
        String indent = java.get(begin).substring(0, java.get(begin).indexOf("//"));
        return java.subList(begin + 1, end).stream()
                .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l.strip())
                .collect(Collectors.joining("\n", "```java\n", "\n```\n"));
    }

    @Test
    void readmeGivesTheCoordinatesTheConsumerProjectUses() throws IOException {
        String pom = Files.readString(IT.resolve("pom.xml"));
        String readme = Files.readString(README);
        for (String coordinates : List.of("<artifactId>vigil-bom</artifactId>", "<type>pom</type>", "<scope>import</scope>",
                "<artifactId>vigil-all</artifactId>")) {
            assertThat(pom).contains(coordinates);
            assertThat(readme).contains(coordinates);
        }
        assertThat(readme).contains("<version>" + System.getProperty("vigil.version") + "</version>");
        // vigil-all is the consumer's one Vigil dependency
        assertThat(pom.split("<groupId>dev.vigil</groupId>", -1)).hasSize(3);
    }

    private static int indexOf(List<String> lines, String marker, String file) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("no line '" + marker + "' in the consumer project's " + file);
    }
}
