package dev.vigil.spi.settings;

/**
 * A switch that can be left to Vigil ({@code "auto"} in JSON). Every automatic decision is logged
 * with its reason.
 */
public enum AutoBoolean {
    TRUE,
    FALSE,
    AUTO;

    /** {@code TRUE} or {@code FALSE}. */
    public static AutoBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }
}
