package dev.vigil.spark;

import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.io.config.ConfigurationReader;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The fleet's jobs for {@code spark-submit} (docs/spark.md): {@code build} reads a Parquet folder partitioned by
 * asset and writes the models folder; {@code detect} reads data and models and writes the results folder. Runs on
 * {@code local[*]} when no master is set (by {@code java -cp}, without spark-submit). Exit code 0 when the job ran
 * and every asset was built; 1 when the build of some asset failed (they are listed, and are rows of the models
 * table); 2 for a mistake in the arguments or the configuration (nothing is built).
 */
public final class FleetJob {
    static final String USAGE = String.join("\n",
            "Usage: FleetJob build  --data DIR --asset-column COL --models DIR [--time-column COL]",
            "                       [--approach kpi-driven|system-driven] [--config FILE] [--kpi COL] [--label COL]",
            "                       [--exclude COL,...]",
            "                       [--model NAME] [--seed N]",
            "       FleetJob detect --data DIR --models DIR --out DIR",
            "",
            "  build    one model per asset of the Parquet folder --data (partitioned by --asset-column, timestamps in",
            "           --time-column, default 'timestamp'), written to the Parquet folder --models, partitioned by asset:",
            "           asset, status (built|failed), approach, time_column, model (Vigil's model file), log, error,",
            "           result_columns. kpi-driven (default): --config a TIM-shaped configuration (as vigil build-model",
            "           --config), --kpi the KPI column, --label a column of known anomalies (1) and normal rows (0), not a value.",
            "           system-driven: --model cross-regression (default), eif, mset,",
            "           pca; --seed the model's seed (default 42). --exclude: columns that are not values.",
            "  detect   each asset's model applied to its rows of --data (the rows after the model's in-sample period, or",
            "           all), as vigil detect does; results to the Parquet folder --out, partitioned by asset.",
            "  --help   this text.",
            "",
            "Without spark-submit's --master (java -cp), Spark runs on local[*]; -Dspark.master=URL sets another.",
            "Exit code: 0 the job ran (build: and built every asset); 1 build: some asset's build failed (listed,",
            "and rows of the models table: detect judges the others);",
            "2 a mistake in the arguments (an option, a folder, a column that is not there): nothing built.");
    private static final Set<String> BUILD = Set.of("--data", "--asset-column", "--models", "--time-column", "--approach", "--config", "--kpi",
            "--label", "--exclude", "--model", "--seed");
    /** At most so many failed assets are listed (by asset); the models table has them all. */
    private static final int FAILURES_LISTED = 20;
    private static final Set<String> DETECT = Set.of("--data", "--models", "--out");

    private FleetJob() {
    }

    /** Runs a job on the session spark-submit gives, and exits with its code when it is not 0. */
    public static void main(String[] args) throws Exception {
        JobArguments.main(args, "vigil-fleet " + (args.length == 0 ? "" : args[0]), FleetJob::run);
    }

    /** Runs a job: 0 when it ran (and built every asset), 1 when some asset's build failed, 2 for a mistake in the arguments. */
    static int run(String[] args, SparkSession spark, PrintStream out, PrintStream err) {
        if (JobArguments.help(args)) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            String job = args[0];
            if (job.equals("build")) {
                return build(options(args, BUILD, "--data", "--asset-column", "--models"), spark, out);
            }
            if (job.equals("detect")) {
                return detect(options(args, DETECT, "--data", "--models", "--out"), spark, out);
            }
            throw new IllegalArgumentException("Unknown job '" + job + "': build or detect");
        } catch (Exception e) {
            if (!(e instanceof IllegalArgumentException || e instanceof VigilException || e instanceof AnalysisException)) {
                throw e;
            }
            err.println("Error: " + e.getMessage());
            err.println("FleetJob --help lists the options.");
            return 2;
        }
    }

    private static int build(Map<String, String> o, SparkSession spark, PrintStream out) {
        String approach = o.getOrDefault("--approach", FleetConfig.KPI_DRIVEN);
        FleetConfig config;
        if (approach.equals(FleetConfig.SYSTEM_DRIVEN)) {
            refuse(o, "--approach system-driven", "--config", "--kpi", "--label");
            SystemJobSettings settings = SystemJobSettings.DEFAULT;
            if (o.containsKey("--model")) {
                settings = settings.withModel(o.get("--model"), Map.of());
            }
            if (o.containsKey("--seed")) {
                settings = settings.withSeed(number(o, "--seed"));
            }
            config = FleetConfig.system(settings);
        } else if (approach.equals(FleetConfig.KPI_DRIVEN)) {
            refuse(o, "kpi-driven models", "--model", "--seed");
            JobSettings settings = o.containsKey("--config") ? ConfigurationReader.read(Path.of(o.get("--config")), new JobLog())
                    : JobSettings.DEFAULT;
            if (o.containsKey("--kpi")) {
                settings = settings.withData(settings.data().withKpiColumn(o.get("--kpi")));
            }
            if (o.containsKey("--label")) {
                settings = settings.withData(settings.data().withLabelColumn(o.get("--label")));
            }
            config = FleetConfig.kpi(settings);
        } else {
            throw new IllegalArgumentException("--approach '" + approach + "': kpi-driven or system-driven");
        }
        config = config.withTimeColumn(o.getOrDefault("--time-column", FleetConfig.DEFAULT_TIME_COLUMN));
        if (o.containsKey("--exclude")) {
            config = config.withExclude(List.of(o.get("--exclude").split(",")));
        }
        String asset = o.get("--asset-column");
        JobArguments.separate(o, List.of("--models"), List.of("--data"));
        Dataset<Row> data = JobArguments.read(spark, o, "--data");
        Map<String, String> named = new LinkedHashMap<>();
        named.put(asset, "--asset-column");
        named.put(config.timeColumn(), "--time-column");
        if (!config.systemDriven()) {
            config.kpiSettings().data().columnRoles().forEach((column, role) -> named.putIfAbsent(column, o.containsKey("--kpi")
                    && role.equals("KPI column") ? "--kpi" : o.containsKey("--label") && column.equals(o.get("--label")) ? "--label"
                    : "the configuration's " + role));
        }
        config.exclude().forEach(column -> named.putIfAbsent(column, "--exclude"));
        List<String> present = List.of(data.columns());
        named.forEach((column, option) -> {
            if (!present.contains(column)) {
                throw new IllegalArgumentException(option + " '" + column + "': " + o.get("--data") + " has no such column; its columns: "
                        + String.join(", ", present));
            }
        });
        FleetFiles.write(Fleet.buildModels(data, asset, config), asset, o.get("--models"));
        Dataset<Row> models = FleetFiles.read(spark, o.get("--models"));
        Dataset<Row> failedModels = models.filter(models.col("status").equalTo(Fleet.FAILED));
        List<Row> failed = failedModels.select(asset, Fleet.ERROR).orderBy(asset).limit(FAILURES_LISTED).collectAsList();
        long all = models.count();
        long failures = failedModels.count();
        out.printf("Built %d of %d models (%s) into %s%n", all - failures, all, config.approach(), o.get("--models"));
        for (Row f : failed) {
            out.printf("  failed: %s: %s%n", f.get(0), f.get(1));
        }
        if (failures > failed.size()) {
            out.printf("  … and %d more failures (the models table's rows with status 'failed')%n", failures - failed.size());
        }
        return failures == 0 ? 0 : 1;
    }

    private static int detect(Map<String, String> o, SparkSession spark, PrintStream out) {
        JobArguments.separate(o, List.of("--out"), List.of("--data", "--models"));
        Dataset<Row> models = JobArguments.models(spark, o);
        String asset = Fleet.assetColumn(models);
        Dataset<Row> data = JobArguments.read(spark, o, "--data");
        Dataset<Row> results;
        try {
            results = Fleet.detect(data, models);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--data '" + o.get("--data") + "': " + e.getMessage(), e);
        }
        FleetFiles.write(results, asset, o.get("--out"));
        Dataset<Row> written = FleetFiles.read(spark, o.get("--out"));
        out.printf("Detected on %d rows of %d assets into %s%n", written.count(), written.select(asset).distinct().count(), o.get("--out"));
        return 0;
    }

    private static Map<String, String> options(String[] args, Set<String> known, String... required) {
        return JobArguments.parse(Arrays.asList(args).subList(1, args.length), args[0], known, required);
    }

    private static void refuse(Map<String, String> o, String what, String... options) {
        for (String option : options) {
            if (o.containsKey(option)) {
                throw new IllegalArgumentException(option + " does not apply to " + what);
            }
        }
    }

    private static long number(Map<String, String> o, String option) {
        try {
            return Long.parseLong(o.get(option));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + o.get(option) + "' is not a whole number");
        }
    }
}
