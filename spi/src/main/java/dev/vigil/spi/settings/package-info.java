/**
 * Settings records mirroring TIM's KPI-driven configuration (docs/configuration.md), with TIM's documented defaults. Every record validates all its fields in its
 * compact constructor and reports every problem together in one {@link dev.vigil.spi.VigilException}.
 * Enum constants use TIM's JSON spelling ({@code First}, {@code Linear}, {@code Mean}).
 */
package dev.vigil.spi.settings;
