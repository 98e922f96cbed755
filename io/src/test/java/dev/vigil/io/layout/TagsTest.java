package dev.vigil.io.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagsTest {
    @TempDir
    Path dir;

    private static final List<String> SIGNALS = List.of("pump\\Sensor0", "pump\\Sensor1", "motor\\Sensor0", "motor\\Current");

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("tags.csv"), content);
    }

    @Test
    void tagsNameSignalsInFullOrByAnUnambiguousTagAndGiveTheirGroups() throws IOException {
        Tags tags = Tags.read(file("Tag, UOM, Subsystem\npump\\Sensor0, bar, hydraulics\nCurrent, A, electrics\n"), SIGNALS);
        assertThat(tags.tags()).containsExactly(new Tags.Tag("pump\\Sensor0", "bar", "hydraulics"),
                new Tags.Tag("motor\\Current", "A", "electrics"));
        assertThat(tags.groups(SIGNALS)).containsEntry("pump\\Sensor0", "hydraulics").containsEntry("pump\\Sensor1", "pump")
                .containsEntry("motor\\Current", "electrics").containsEntry("motor\\Sensor0", "motor");
    }

    @Test
    void tagComponentFilesAreReadToo() throws IOException {
        Tags tags = Tags.read(file("Tag,Component\nSensor1,drive\n"), SIGNALS);
        assertThat(tags.of("pump\\Sensor1")).map(Tags.Tag::group).contains("drive");
    }

    @Test
    void aTagNamingNoSignalIsRefusedWithLineAndTheNearest() throws IOException {
        Path p = file("Tag,UOM,Subsystem\npump\\Sensor0,bar,h\npump\\Sensr1,bar,h\n");
        assertThatThrownBy(() -> Tags.read(p, SIGNALS)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
                .hasMessageContaining(p + " line 3, column 'Tag'").hasMessageContaining("'pump\\Sensr1'")
                .hasMessageContaining("did you mean 'pump\\Sensor1'");
    }

    @Test
    void anAmbiguousTagATagListedTwiceAndAHeaderWithoutTagAreRefused() throws IOException {
        assertThatThrownBy(() -> Tags.read(file("Tag\nSensor0\n"), SIGNALS)).hasMessageContaining("line 2")
                .hasMessageContaining("several signals (pump\\Sensor0, motor\\Sensor0)");
        assertThatThrownBy(() -> Tags.read(file("Tag\nCurrent\nmotor\\Current\n"), SIGNALS)).hasMessageContaining("line 3")
                .hasMessageContaining("line 2 already");
        assertThatThrownBy(() -> Tags.read(file("Name,UOM\nCurrent,A\n"), SIGNALS)).hasMessageContaining("no column 'Tag'");
    }
}
