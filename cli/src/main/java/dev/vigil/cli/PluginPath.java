package dev.vigil.cli;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where plugins are loaded from: the paths of {@code --plugins}, else of the {@code VIGIL_PLUGINS}
 * environment variable, both lists separated by the platform's path separator ({@value
 * #SEPARATOR_NAME}), as in {@code java -cp}. A path is a jar, a folder of jars, or a folder of classes.
 *
 * <p>The paths are read from the arguments before picocli parses them, because the plugins feed the
 * Guice module that makes the command objects.
 */
final class PluginPath {
    /** The environment variable read when {@code --plugins} is not given. */
    static final String ENV = "VIGIL_PLUGINS";
    /** How the help names the separator. */
    static final String SEPARATOR_NAME = "':' (';' on Windows)";
    private static final String OPTION = "--plugins";

    private PluginPath() {
    }

    /**
     * The plugin paths the arguments name with {@code --plugins PATH} or {@code --plugins=PATH} (each
     * value split at the path separator; the option may repeat), or else those of {@code env}.
     */
    static List<Path> of(String[] args, String env) {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                paths.addAll(split(args[++i]));
            } else if (args[i].startsWith(OPTION + "=")) {
                paths.addAll(split(args[i].substring(OPTION.length() + 1)));
            }
        }
        return paths.isEmpty() && env != null ? split(env) : paths;
    }

    /** The non-empty parts of a list of paths separated by {@link File#pathSeparator}. */
    static List<Path> split(String list) {
        List<Path> paths = new ArrayList<>();
        for (String p : list.split(File.pathSeparator)) {
            if (!p.isBlank()) {
                paths.add(Path.of(p.strip()));
            }
        }
        return paths;
    }

    /**
     * A class loader that sees the plugin paths and, through its parent, the command line's own
     * classes; the parent itself when there are none.
     *
     * @throws VigilException naming a path that does not exist or cannot be listed
     */
    static ClassLoader classLoader(List<Path> paths, ClassLoader parent) {
        return paths.isEmpty() ? parent : new URLClassLoader(urls(paths), parent);
    }

    private static URL[] urls(List<Path> paths) {
        List<URL> urls = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--plugins " + p + " does not exist");
            }
            try {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> files = Files.list(p)) {
                        List<Path> found = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
                        if (found.isEmpty()) {
                            urls.add(p.toUri().toURL()); // a folder of classes
                        }
                        for (Path jar : found) {
                            urls.add(jar.toUri().toURL());
                        }
                    }
                } else {
                    urls.add(p.toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--plugins " + p + " is not a usable path: " + e.getMessage());
            } catch (IOException e) {
                throw new VigilException(ErrorCode.IO_FAILURE, "Cannot list " + p + ": " + e.getMessage(), e);
            }
        }
        return urls.toArray(URL[]::new);
    }
}
