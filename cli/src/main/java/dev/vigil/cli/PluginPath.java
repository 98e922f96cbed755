package dev.vigil.cli;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipException;
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
    private static final String SERVICES = "META-INF/services/";

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
        if (paths.isEmpty()) {
            return parent;
        }
        URL[] urls = urls(paths);
        URLClassLoader loader = new URLClassLoader(urls, parent);
        for (URL url : urls) {
            checkServices(Path.of(URI.create(url.toString())), loader);
        }
        return loader;
    }

    /**
     * Refuses a plugin jar that is not a jar (random bytes, a truncated download), and a jar or class
     * folder whose {@code META-INF/services} files name a class that neither it nor the rest of the
     * plugin path holds: {@code ServiceLoader} would fail later, in the middle of a job, without
     * naming the jar. Only resources are looked up; no plugin class is loaded or initialised here.
     */
    private static void checkServices(Path path, ClassLoader loader) {
        Map<String, List<String>> services = new TreeMap<>(); // service file -> the classes it lists
        try {
            if (Files.isDirectory(path)) {
                Path folder = path.resolve("META-INF/services");
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> files = Files.list(folder)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            services.put(f.getFileName().toString(), providers(Files.readString(f, StandardCharsets.UTF_8)));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(path.toFile())) {
                    for (JarEntry e : Collections.list(jar.entries())) {
                        String name = e.getName();
                        if (name.startsWith(SERVICES) && name.length() > SERVICES.length() && !e.isDirectory()) {
                            try (var in = jar.getInputStream(e)) {
                                services.put(name.substring(SERVICES.length()), providers(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                            }
                        }
                    }
                }
            }
        } catch (ZipException | SecurityException e) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--plugins " + path + " is not a readable jar (" + e.getMessage()
                    + "); a plugin is a jar (a zip archive of classes with META-INF/services files), a folder of jars, or a folder of classes");
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read the plugin " + path + ": " + e.getMessage(), e);
        }
        for (Map.Entry<String, List<String>> s : services.entrySet()) {
            for (String provider : s.getValue()) {
                if (loader.getResource(provider.replace('.', '/') + ".class") == null) {
                    throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--plugins " + path + " lists the plugin class '" + provider
                            + "' in " + SERVICES + s.getKey() + ", but neither it nor the rest of the plugin path holds that class; "
                            + "add the class to the jar or remove the line");
                }
            }
        }
    }

    /** The class names a service file lists: one a line, '#' starting a comment. */
    private static List<String> providers(String serviceFile) {
        List<String> names = new ArrayList<>();
        for (String line : serviceFile.split("\\R")) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
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
