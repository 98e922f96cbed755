package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.spi.DataFormat;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.PerspectiveWindow;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.testing.KpiDataGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line is assembled by Guice: a binding replaced in a test is the one the commands use. */
class GuiceAssemblyTest {
    private static final TimeFrame DATA = KpiDataGenerator.create().rows(1_500).seed(3).generate().unlabelled();

    /** A data format for {@code .mem} files that serves {@link #DATA} whatever the path, and never touches the disk. */
    private static final class InMemory implements DataFormat {
        @Override
        public String name() {
            return "InMemory";
        }

        @Override
        public List<String> extensions() {
            return List.of(".mem");
        }

        @Override
        public TimeFrame read(Path file, ReadOptions options, JobLog log) {
            return DATA.withSource(file.toString());
        }

        @Override
        public void write(TimeFrame frame, Path file) {
            throw new UnsupportedOperationException("read only");
        }
    }

    /** |residual|, a perspective no jar provides. */
    private static final class Absolute implements DetectionPerspective {
        @Override
        public String name() {
            return "Absolute";
        }

        @Override
        public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
            return PerspectiveWindow.of(1);
        }

        @Override
        public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
            for (int i = 0; i < residuals.length; i++) {
                out[i] = Math.abs(residuals[i]);
            }
        }
    }

    private static CliRun run(List<Module> overrides, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), overrides);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void anOverriddenDataFilesIsTheOneTheCommandsReadWith() {
        Module memory = new AbstractModule() {
            @Override
            protected void configure() {
                bind(DataFiles.class).toInstance(DataFiles.of(PluginRegistry.empty().with(DataFormat.class, new InMemory())));
            }
        };
        CliRun inspect = run(List.of(memory), "inspect", "/nowhere/line.mem");
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("File                  /nowhere/line.mem").contains("Rows                  1,500");
        CliRun csv = run(List.of(memory), "inspect", "line.csv");
        assertThat(csv.exitCode()).isEqualTo(2);
        assertThat(csv.err()).contains("known extensions: .mem");
        assertThat(CliRun.of("inspect", "/nowhere/line.mem").err()).contains("Cannot tell the format of /nowhere/line.mem");
    }

    @Test
    void aPerspectiveBoundInAModuleIsUsableByName() {
        Module absolute = new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, DetectionPerspective.class).addBinding("Absolute").toInstance(new Absolute());
                bind(DataFiles.class).toInstance(DataFiles.of(PluginRegistry.empty().with(DataFormat.class, new InMemory())));
            }
        };
        CliRun with = run(List.of(absolute), "build-model", "--data", "line.mem", "--perspectives", "Absolute,Residual");
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(with.out()).contains("Absolute           window   1").contains("  Residual ");
        CliRun without = run(List.of(), "build-model", "--data", "line.csv", "--perspectives", "Absolute");
        assertThat(without.exitCode()).isEqualTo(2);
    }

    @Test
    void theDefaultSettingsAreABinding() {
        Module settings = new AbstractModule() {
            @Override
            protected void configure() {
                bind(JobSettings.class).toInstance(JobSettings.DEFAULT.withData(JobSettings.DEFAULT.data().withKpiColumn("x1")));
                bind(DataFiles.class).toInstance(DataFiles.of(PluginRegistry.empty().with(DataFormat.class, new InMemory())));
            }
        };
        CliRun run = run(List.of(settings), "build-model", "--data", "line.mem", "--perspectives", "Residual");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Built a model on 1,500 rows of x1 ");
    }
}
