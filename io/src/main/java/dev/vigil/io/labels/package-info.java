/**
 * Labels as time ranges ({@code start,end[,label]}, Lookout's label files) and training and evaluation
 * periods (Lookout's {@code timeranges.txt}): read, checked and turned into one flag per row
 * (docs/file-formats.md#label-ranges).
 */
package dev.vigil.io.labels;
