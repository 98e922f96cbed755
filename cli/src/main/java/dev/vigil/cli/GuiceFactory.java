package dev.vigil.cli;

import com.google.inject.Injector;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * picocli's factory backed by the run's injector: the command line's own classes (commands, mixins,
 * the version provider) come from Guice, with their {@code @Inject} fields set; anything else (the
 * collections of multi-value options) from picocli's default factory.
 */
final class GuiceFactory implements IFactory {
    private final Injector injector;
    private final IFactory fallback = CommandLine.defaultFactory();

    GuiceFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        return cls.getPackageName().equals(GuiceFactory.class.getPackageName()) ? injector.getInstance(cls) : fallback.create(cls);
    }
}
