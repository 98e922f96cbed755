package dev.vigil.spi.settings;

import static java.util.Objects.requireNonNull;

/**
 * The body of a TIM build-model request: {@code {configuration: {...}, data: {...}}}. A TIM user's
 * JSON configuration reads into this unchanged.
 *
 * @param configuration model configuration
 * @param data data selection and preparation
 */
public record JobSettings(Configuration configuration, DataSettings data) {
    /** All defaults. */
    public static final JobSettings DEFAULT = new JobSettings(Configuration.DEFAULT, DataSettings.DEFAULT);

    public JobSettings {
        requireNonNull(configuration, "configuration is null");
        requireNonNull(data, "data is null");
    }

    /** A copy with another data block. */
    public JobSettings withData(DataSettings newData) {
        return new JobSettings(configuration, newData);
    }

    /** A copy with another configuration block. */
    public JobSettings withConfiguration(Configuration newConfiguration) {
        return new JobSettings(newConfiguration, data);
    }
}
