/**
 * Root-cause analysis: normal behaviour decomposed into influencer contributions, the causes of each
 * anomaly, TIM's term view and importance tables.
 */
package dev.vigil.rca;
