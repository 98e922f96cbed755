/**
 * Models run window by window with carried state ({@link dev.vigil.evaluation.window.WindowModel}): a window's
 * rows scored ({@link dev.vigil.evaluation.window.Scored}) and a state string handed on, so that rows scored in
 * any number of windows, with restarts between them, get the answers of one run over all of them. The
 * scheduler's executions and the Spark module's streaming state use it.
 */
package dev.vigil.evaluation.window;
