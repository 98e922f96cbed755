/** Guice assembly of Vigil applications: the discovered plugins bound by name, overridable in tests. */
package dev.vigil.guice;
