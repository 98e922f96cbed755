/**
 * Lookout-style scheduled inference over a folder of files (docs/scheduler.md): {@link dev.vigil.scheduler.SchedulerConfig}
 * and its validation, the windows ({@link dev.vigil.scheduler.Window}), one execution per window ({@link
 * dev.vigil.scheduler.Executor}) writing {@code results.jsonl}, the store of execution records and events ({@link
 * dev.vigil.scheduler.SchedulerStore}, SQLite), the lifecycle and the daemon ({@link dev.vigil.scheduler.Schedulers}, {@link
 * dev.vigil.scheduler.SchedulerDaemon}), assembled by {@link dev.vigil.scheduler.SchedulerModule}.
 */
package dev.vigil.scheduler;
