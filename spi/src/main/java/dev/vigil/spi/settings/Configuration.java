package dev.vigil.spi.settings;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * TIM's {@code configuration} block of a build-model job.
 *
 * @param domainSpecifics perspectives and their sensitivities, at least one, names unique
 * @param normalBehaviorModel how normal behaviour is modelled
 * @param anomalousBehaviorModel how perspectives are turned into indicators
 */
public record Configuration(
        List<DomainSpecific> domainSpecifics,
        NormalBehaviorSettings normalBehaviorModel,
        AnomalousBehaviorSettings anomalousBehaviorModel) {

    /** Residual and Imbalance with automatic sensitivity in [0, 5] %, default models. */
    public static final Configuration DEFAULT = new Configuration(
            List.of(DomainSpecific.auto("Residual"), DomainSpecific.auto("Imbalance")),
            NormalBehaviorSettings.DEFAULT, AnomalousBehaviorSettings.DEFAULT);

    public Configuration {
        domainSpecifics = List.copyOf(requireNonNull(domainSpecifics, "domainSpecifics is null"));
        requireNonNull(normalBehaviorModel, "normalBehaviorModel is null");
        requireNonNull(anomalousBehaviorModel, "anomalousBehaviorModel is null");
        Problems p = new Problems();
        p.require(!domainSpecifics.isEmpty(), "domainSpecifics must list at least one perspective");
        p.require(domainSpecifics.stream().map(DomainSpecific::perspective).distinct().count() == domainSpecifics.size(),
                "domainSpecifics lists a perspective twice");
        p.throwIfAny("configuration");
    }

    /** A copy with other perspectives. */
    public Configuration withDomainSpecifics(List<DomainSpecific> perspectives) {
        return new Configuration(perspectives, normalBehaviorModel, anomalousBehaviorModel);
    }

    /** A copy with other normal-behaviour settings. */
    public Configuration withNormalBehaviorModel(NormalBehaviorSettings settings) {
        return new Configuration(domainSpecifics, settings, anomalousBehaviorModel);
    }

    /** A copy with other anomalous-behaviour settings. */
    public Configuration withAnomalousBehaviorModel(AnomalousBehaviorSettings settings) {
        return new Configuration(domainSpecifics, normalBehaviorModel, settings);
    }
}
