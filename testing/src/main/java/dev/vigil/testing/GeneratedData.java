package dev.vigil.testing;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.frame.TimeFrame;
import java.util.List;
import java.util.Map;

/**
 * Data made by {@link KpiDataGenerator}, with the truth about it.
 *
 * @param frame the data: KPI, influencers, distractors and the label column (1 = anomalous row)
 * @param kpi the KPI column
 * @param influencers columns the KPI depends on
 * @param distractors columns the KPI does not depend on
 * @param label the label column
 * @param anomalies the injected anomalies in row order
 * @param noiseSd standard deviation of the KPI's normal noise
 * @param contributionSd standard deviation of each influencer's true contribution to the KPI, by
 *     influencer (the true ranking for root-cause analysis)
 */
public record GeneratedData(
        TimeFrame frame,
        String kpi,
        List<String> influencers,
        List<String> distractors,
        String label,
        List<InjectedAnomaly> anomalies,
        double noiseSd,
        Map<String, Double> contributionSd) {

    public GeneratedData {
        requireNonNull(frame, "frame is null");
        requireNonNull(kpi, "kpi is null");
        influencers = List.copyOf(influencers);
        distractors = List.copyOf(distractors);
        requireNonNull(label, "label is null");
        anomalies = List.copyOf(anomalies);
        contributionSd = Map.copyOf(contributionSd);
    }

    /** The label column as booleans. */
    public boolean[] labels() {
        boolean[] l = new boolean[frame.rows()];
        for (InjectedAnomaly a : anomalies) {
            for (int r = a.start(); r < a.end(); r++) {
                l[r] = true;
            }
        }
        return l;
    }

    /** The data without the label column, as a detector would see it. */
    public TimeFrame unlabelled() {
        return frame.without(List.of(label));
    }
}
