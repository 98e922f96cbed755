/** Model files: versioned, checksummed JSON. */
package dev.vigil.io.model;
