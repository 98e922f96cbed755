package dev.vigil.all;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's "As a library" section shows the code that the consumer project under {@code
 * src/it/readme-snippet} compiles and runs (invoker:run, in {@code mvn verify}), and the coordinates
 * that project uses: the two cannot drift apart.
 */
class ReadmeTest {
    private static final Path README = Path.of("../README.md");
    private static final Path IT = Path.of("src/it/readme-snippet");
    private static final String BEGIN = "// README snippet begins";
    private static final String END = "// README snippet ends";

    @Test
    void readmeShowsTheSnippetTheConsumerProjectRuns() throws IOException {
        List<String> java = Files.readAllLines(IT.resolve("src/main/java/example/ReadmeSnippet.java"));
        int begin = indexOf(java, BEGIN);
        int end = indexOf(java, END);
        assertThat(end).isGreaterThan(begin + 1);
        String indent = java.get(begin).substring(0, java.get(begin).indexOf(BEGIN));
        String snippet = java.subList(begin + 1, end).stream()
                .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l.strip())
                .collect(Collectors.joining("\n", "```java\n", "\n```\n"));
        assertThat(Files.readString(README)).contains(snippet);
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

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("no line '" + marker + "' in the consumer project's ReadmeSnippet.java");
    }
}
