package dev.vigil.benchmarks;

import dev.vigil.evaluation.nab.NabAlarms;
import dev.vigil.evaluation.nab.NabCorpus;
import dev.vigil.evaluation.nab.NabProfileScore;
import dev.vigil.evaluation.nab.NabScore;
import dev.vigil.evaluation.nab.NabScorer;
import dev.vigil.evaluation.nab.NabSeries;
import dev.vigil.evaluation.nab.NabWindow;
import dev.vigil.io.DataFiles;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * NAB's three scores of the indicators a {@link NabDump} file holds, scored by {@link NabAlarms} with
 * other parameters or perspectives, without re-running detection: the scratch harness behind the
 * "what helped" table of BENCHMARKS.md. Each variant is one argument, {@code perspectives:escalation:tolerance:exponent}
 * ({@code perspectives} the dump's columns by index, e.g. {@code 0+2}; tolerance {@code off} for none; exponent
 * {@code s<c>} for the secondary perspectives' indicators less c instead of a power).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.NabRescore NAB_DIR DUMP.csv 0:1.2:0.02:0.5 0+1+2:1.1:0.02:0.5 …</pre>
 */
public final class NabRescore {
    private NabRescore() {
    }

    public static void main(String[] args) throws Exception {
        Path nab = Path.of(args[0]);
        Map<String, List<NabWindow>> windows = NabCorpus.readWindows(nab.resolve(NabCorpus.WINDOWS_FILE));
        Map<String, List<double[]>> columns = new LinkedHashMap<>();
        Map<String, Integer> holdOffs = new LinkedHashMap<>();
        List<String> perspectives;
        try (BufferedReader r = Files.newBufferedReader(Path.of(args[1]))) {
            List<String> header = List.of(r.readLine().split(","));
            perspectives = header.subList(2, header.size());
            Map<String, List<double[]>> rows = new LinkedHashMap<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",", -1);
                holdOffs.put(f[0], Integer.parseInt(f[1]));
                double[] v = new double[f.length - 2];
                for (int i = 2; i < f.length; i++) {
                    v[i - 2] = f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]);
                }
                rows.computeIfAbsent(f[0], k -> new ArrayList<>()).add(v);
            }
            columns.putAll(rows);
        }
        DataFiles files = DataFiles.discover();
        Map<String, TimeFrame> data = new LinkedHashMap<>();
        for (String f : windows.keySet()) {
            data.put(f, files.read(nab.resolve("data").resolve(f), ReadOptions.DEFAULT, new JobLog()));
        }
        System.out.println("perspectives: " + perspectives);
        for (int a = 2; a < args.length; a++) {
            String[] v = args[a].split(":");
            int[] chosen = Arrays.stream(v[0].split("\\+")).mapToInt(Integer::parseInt).toArray();
            // the fourth field: an exponent for the secondary perspectives, or s<c>: their indicators less c (at least 0)
            boolean subtract = v[3].startsWith("s");
            double less = subtract ? Double.parseDouble(v[3].substring(1)) : 0;
            NabAlarms alarms = new NabAlarms(Double.parseDouble(v[1]), v[2].equals("off") ? OptionalDouble.empty()
                    : OptionalDouble.of(Double.parseDouble(v[2])), subtract ? 1 : Double.parseDouble(v[3]));
            List<NabSeries> series = new ArrayList<>();
            for (String f : windows.keySet()) {
                TimeFrame raw = data.get(f);
                List<double[]> rows = columns.get(f);
                double[][] by = new double[chosen.length][raw.rows()];
                for (int p = 0; p < chosen.length; p++) {
                    for (int i = 0; i < raw.rows(); i++) {
                        double x = rows.get(i)[chosen[p]];
                        by[p][i] = p > 0 && subtract && !Double.isNaN(x) ? Math.max(0, x - less) : x;
                    }
                }
                double[] values = raw.values(raw.columnNames().get(0));
                double[] scores = alarms.scores(by, values, NabScorer.probationRows(raw.rows()), holdOffs.get(f));
                series.add(new NabSeries(f, raw.times(), scores, windows.get(f)));
            }
            NabScore score = NabScorer.score(series);
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-28s", args[a]));
            for (NabProfileScore p : score.profiles()) {
                b.append(String.format(Locale.ROOT, " %7.2f (θ %.4f, TP %d FP %d)", p.normalizedScore(), p.threshold(), p.total().counts().truePositive(),
                        p.total().counts().falsePositive()));
            }
            StringBuilder c = new StringBuilder();
            for (var t : score.profiles().get(0).categories()) {
                c.append(String.format(Locale.ROOT, " %s %.2f", t.name(), t.rawScore()));
            }
            System.out.println(b);
            System.out.println("    " + c);
        }
    }
}
