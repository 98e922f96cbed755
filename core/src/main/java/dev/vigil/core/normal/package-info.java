/**
 * The default normal-behaviour model: a sparse linear regression with orthogonal forward selection
 * and one model per time of day when the data have a daily cycle.
 */
package dev.vigil.core.normal;
