/**
 * Vigil's file formats: CSV input through Tablesaw ({@code csv}), TIM-shaped JSON configuration
 * through Jackson ({@code config}), timestamp formats and atomic file writing.
 */
package dev.vigil.io;
