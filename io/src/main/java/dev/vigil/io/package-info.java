/**
 * Vigil's file formats: CSV through Vigil's one tokenizer ({@code csv}), TIM-shaped JSON configuration
 * through Jackson ({@code config}), model files ({@code model}), the one timestamp parser ({@link
 * dev.vigil.io.TimestampFormat}), the formats by file extension ({@link dev.vigil.io.DataFiles}) and
 * atomic file writing.
 */
package dev.vigil.io;
