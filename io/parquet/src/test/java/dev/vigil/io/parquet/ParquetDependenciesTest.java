package dev.vigil.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Hadoop this artifact brings is two jars without their dependencies, and no JNI codec: the class
 * path the other tests run on. Since a Hadoop {@code Configuration} cannot even be created on it,
 * every passing read and write test shows that Vigil never needs one.
 */
class ParquetDependenciesTest {
    private static List<String> jars() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).getFileName().toString())
                .filter(n -> n.endsWith(".jar"))
                .toList();
    }

    @Test
    void onlyTwoHadoopJarsAndNoNativeCodecs() {
        List<String> jars = jars();
        assertThat(jars).filteredOn(j -> j.startsWith("hadoop-") && !j.startsWith("hadoop-annotations-"))
                .containsExactlyInAnyOrder("hadoop-common-3.4.1.jar", "hadoop-mapreduce-client-core-3.4.1.jar");
        assertThat(jars).noneMatch(j -> j.startsWith("snappy-java") || j.startsWith("zstd-jni") || j.startsWith("hadoop-client")
                || j.startsWith("hadoop-shaded") || j.startsWith("woodstox") || j.startsWith("commons-configuration"));
    }

    @Test
    void aHadoopConfigurationCannotBeCreatedHere() {
        assertThatThrownBy(() -> new org.apache.hadoop.conf.Configuration()).isInstanceOf(NoClassDefFoundError.class);
    }
}
