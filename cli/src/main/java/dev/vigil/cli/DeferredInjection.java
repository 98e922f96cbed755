package dev.vigil.cli;

import com.google.inject.Injector;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * picocli's factory for a command line whose injector is still being made: the command line's own
 * classes (commands, mixins, the version provider) are created at once with their no-argument
 * constructors and remembered; {@link #inject} then sets their {@code @Inject} fields from the run's
 * injector, before a command runs. picocli builds its model and parses the arguments meanwhile, so the
 * two largest parts of a cold start overlap. Anything else (the collections of multi-value options)
 * comes from picocli's default factory.
 */
final class DeferredInjection implements IFactory {
    private final IFactory plain = CommandLine.defaultFactory();
    private final List<Object> created = new ArrayList<>();

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        K object = plain.create(cls);
        if (cls.getPackageName().equals(DeferredInjection.class.getPackageName())) {
            created.add(object);
        }
        return object;
    }

    /** Sets the {@code @Inject} fields of every object created so far. */
    void inject(Injector injector) {
        created.forEach(injector::injectMembers);
    }
}
