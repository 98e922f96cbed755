/** Stream snapshots as versioned JSON files (docs/streaming.md#snapshots). */
package dev.vigil.io.stream;
