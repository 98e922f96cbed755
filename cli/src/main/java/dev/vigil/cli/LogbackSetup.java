package dev.vigil.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import org.slf4j.LoggerFactory;

/**
 * The command line's Logback configuration, in code rather than a {@code logback.xml} in the jar (which
 * would configure the logging of anyone who puts the jar on a class path), found by Logback through
 * {@code META-INF/services}. Vigil's warnings go to stderr as {@code LEVEL message}; job logs ({@code
 * dev.vigil.job}) are off, since the commands print and write them; Parquet's and Hadoop's internals
 * stay quiet, even with {@code --verbose}, which is about what Vigil decides. A {@code
 * -Dlogback.configurationFile} given to the JVM wins.
 *
 * <p>Logback starts only when a command runs ({@link #start}): {@code --version} and {@code --help}
 * never load it.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogbackSetup extends ContextAwareBase implements Configurator {
    /** Logback makes it through {@link java.util.ServiceLoader}. */
    public LogbackSetup() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up a context: the stderr appender and the levels of the quiet (not verbose) command line. */
    static void apply(LoggerContext context) {
        context.getStatusManager().add(new NopStatusListener());
        LevelMessageLayout layout = new LevelMessageLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.ERROR);
        root.addAppender(stderr);
        verbosity(context, false);
        context.getLogger("org.apache.parquet").setLevel(Level.ERROR);
        context.getLogger("org.apache.hadoop").setLevel(Level.OFF);
    }

    /** Vigil's loggers at WARN (quiet) or DEBUG (verbose); job logs off unless verbose. */
    static void verbosity(LoggerContext context, boolean verbose) {
        context.getLogger("dev.vigil").setLevel(verbose ? Level.DEBUG : Level.WARN);
        context.getLogger("dev.vigil.job").setLevel(verbose ? Level.DEBUG : Level.OFF);
    }

    /**
     * Starts logging for a command that runs (SLF4J then finds Logback, which calls {@link #configure}),
     * at the verbosity asked for.
     */
    static void start(boolean verbose) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            verbosity(context, verbose);
        }
    }

    /**
     * {@code LEVEL message}, the level padded to five characters, and the stack trace of an exception
     * (what the pattern {@code %-5level %msg%n} gives, without loading Logback's pattern machinery).
     */
    static final class LevelMessageLayout extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128);
            String level = event.getLevel().toString();
            line.append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(' ').append(event.getFormattedMessage())
                    .append(CoreConstants.LINE_SEPARATOR);
            if (event.getThrowableProxy() != null) {
                line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(CoreConstants.LINE_SEPARATOR);
            }
            return line.toString();
        }
    }
}
