/**
 * Vigil's core: the error type shared by every module and small helpers for user-facing messages.
 * Sub-packages hold the time frame and its preparation ({@code frame}), the job log ({@code log}),
 * the settings mirroring TIM's configuration ({@code settings}), the plugin SPIs ({@code spi}) and
 * their discovery ({@code plugin}).
 */
package dev.vigil.core;
