package dev.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads Vigil's version from the build. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"vigil " + p.getProperty("version", "unknown"), "Java " + Runtime.version()};
    }

    /** The version alone. */
    static String version() {
        try {
            return new VersionProvider().getVersion()[0].substring("vigil ".length());
        } catch (IOException e) {
            return "unknown";
        }
    }
}
