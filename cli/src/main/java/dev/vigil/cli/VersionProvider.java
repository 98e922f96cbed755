package dev.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads Vigil's version from the build. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return lines();
    }

    /** What {@code --version} prints: Vigil's version, then Java's. */
    static String[] lines() {
        return new String[] {"vigil " + version(), "Java " + Runtime.version()};
    }

    /** The version alone ({@code unknown} when the build did not record it). */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
