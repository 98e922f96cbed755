/**
 * The umbrella artifact {@code vigil-all}: no code of its own, one dependency that brings every
 * library module a user of the README needs (see {@link dev.vigil.all.VigilAll}).
 */
package dev.vigil.all;
