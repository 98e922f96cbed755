package dev.vigil.cli;

import dev.vigil.io.layout.DatasetSchema;
import dev.vigil.io.layout.LayoutOptions;
import dev.vigil.io.layout.LayoutOptions.AlignMode;
import dev.vigil.io.layout.LayoutOptions.FillMethod;
import dev.vigil.io.layout.LayoutOptions.Kind;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that say how a data set in several files is read and aligned (docs/file-formats.md#data-layouts):
 * a mixin for the commands that read data sets, mapped onto {@link LayoutOptions}.
 */
final class LayoutCliOptions {
    private static final Map<String, Kind> KINDS = Map.of("auto", Kind.AUTO, "file", Kind.FILE, "per-variable", Kind.PER_VARIABLE,
            "components", Kind.COMPONENTS);

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "auto",
            description = "How the data are laid out: auto (default: a file is one table; a folder or .zip holding CSV files at its top is "
                    + "per-variable; one holding them in sub-folders is components), file, per-variable (one timestamp,value CSV per "
                    + "variable, Azure's MultiTable) or components (Lookout's <component>/*.csv).")
    String layout;

    @Option(names = "--align", paramLabel = "MODE", defaultValue = "outer",
            description = "How the files' timestamps are joined: outer (every timestamp any has; default) or inner (those all have).")
    String align;

    @Option(names = "--fill", paramLabel = "METHOD", defaultValue = "linear",
            description = "How missing values are filled after aligning: linear (default), previous, subsequent, zero, fixed (with "
                    + "--padding) or none.")
    String fill;

    @Option(names = "--padding", paramLabel = "VALUE", description = "The value --fill fixed writes.")
    Double padding;

    @Option(names = "--round-to", paramLabel = "PERIOD",
            description = "Round every timestamp of a layout to the nearest multiple of this ISO 8601 period (e.g. PT1M), so that "
                    + "signals sampled at slightly different instants align.")
    String roundTo;

    @Option(names = "--component-delimiter", paramLabel = "CHAR",
            description = "For component files side by side in one folder, the character ending the component's name: one of "
                    + "'.', '_', '-' or a space (default '.').")
    String delimiter;

    @Option(names = "--schema", paramLabel = "SCHEMA.json",
            description = "Lookout's dataset schema ({\"Components\":[…]}): read only the components and sensors it lists.")
    Path schema;

    /** Whether the path is read as a layout of several files rather than as one data file. */
    boolean isLayout(Path path) {
        Kind k = kind();
        return k == Kind.PER_VARIABLE || k == Kind.COMPONENTS
                || k == Kind.AUTO && (Files.isDirectory(path) || path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"));
    }

    Kind kind() {
        Kind k = KINDS.get(layout.toLowerCase(Locale.ROOT));
        if (k == null) {
            throw bad("--layout " + Names.unknown(layout, KINDS.keySet()));
        }
        return k;
    }

    /** The layout options the flags give, lenient as asked. */
    LayoutOptions toOptions(boolean lenient) {
        AlignMode mode = switch (align.toLowerCase(Locale.ROOT)) {
            case "outer" -> AlignMode.Outer;
            case "inner" -> AlignMode.Inner;
            default -> throw bad("--align " + Names.unknown(align, List.of("outer", "inner")));
        };
        FillMethod method = null;
        for (FillMethod m : FillMethod.values()) {
            if (m.name().equalsIgnoreCase(fill)) {
                method = m;
            }
        }
        if (method == null) {
            throw bad("--fill " + Names.unknown(fill, List.of("linear", "previous", "subsequent", "zero", "fixed", "none")));
        }
        if (padding != null && method != FillMethod.Fixed) {
            throw bad("--padding goes with --fill fixed; --fill is " + fill);
        }
        LayoutOptions o = LayoutOptions.DEFAULT.withKind(kind()).withAlignMode(mode);
        o = method == FillMethod.Fixed ? o.withFixedFill(padding == null ? Double.NaN : padding) : o.withFillMethod(method);
        if (roundTo != null) {
            try {
                o = o.withRoundTo(Duration.parse(roundTo));
            } catch (DateTimeParseException e) {
                throw bad("--round-to '" + roundTo + "' is not an ISO 8601 period; write e.g. PT1M (a minute), PT10S or PT1H");
            }
        }
        if (delimiter != null) {
            if (delimiter.length() != 1) {
                throw bad("--component-delimiter '" + delimiter + "' must be one character: '.', '_', '-' or a space");
            }
            o = o.withComponentDelimiter(delimiter.charAt(0));
        }
        if (schema != null) {
            o = o.withSchema(DatasetSchema.read(schema));
        }
        return o.withLenient(lenient);
    }

    private static VigilException bad(String message) {
        return new VigilException(ErrorCode.INVALID_CONFIGURATION, message);
    }
}
