/** Where the job log meets SLF4J. */
package dev.vigil.core.log;
