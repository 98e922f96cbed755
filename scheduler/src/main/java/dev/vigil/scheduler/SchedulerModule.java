package dev.vigil.scheduler;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Names;
import dev.vigil.guice.VigilModule;
import java.nio.file.Path;

/**
 * Assembles the scheduler daemon with Guice: Vigil's plugins by name ({@link VigilModule}), the home folder
 * ({@code @Named("vigil.home")}), the {@link SchedulerStore} in it, the {@link SchedulerClock}, {@link Metrics},
 * {@link Schedulers} and the {@link SchedulerDaemon}. Tests override the clock with {@code Modules.override}. The
 * store is opened by the injector and closed by whoever closes the daemon's process.
 */
public final class SchedulerModule extends AbstractModule {
    private final Path home;
    private final SchedulerClock clock;
    private final boolean withVigilModule;

    /** The daemon of a home folder on the wall clock, with the plugins of the context class loader. */
    public SchedulerModule(Path home) {
        this(home, SchedulerClock.system(), true);
    }

    /**
     * The daemon of a home folder on the given clock.
     *
     * @param withVigilModule whether to install {@link VigilModule} (false when the injector has it already, as the CLI's)
     */
    public SchedulerModule(Path home, SchedulerClock clock, boolean withVigilModule) {
        this.home = requireNonNull(home, "home is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.withVigilModule = withVigilModule;
    }

    @Override
    protected void configure() {
        if (withVigilModule) {
            install(new VigilModule());
        }
        bind(Path.class).annotatedWith(Names.named("vigil.home")).toInstance(home);
        bind(SchedulerClock.class).toInstance(clock);
        bind(Metrics.class).in(Singleton.class);
        bind(Schedulers.class).in(Singleton.class);
        bind(SchedulerDaemon.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    SchedulerStore store() {
        return SchedulerStore.open(home);
    }
}
