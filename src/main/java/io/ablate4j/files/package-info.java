/**
 * Files that readers, and a process killed mid-write, only ever see whole: the one atomic writer of ablate4j
 * ({@link io.ablate4j.files.AtomicFiles}) and the file-system errors that name their file
 * ({@link io.ablate4j.files.PathErrors}). Every whole-file write of the project goes through here (manifest, result
 * files rewritten on resume, trial files, report, charts, downloaded and exported data), with one naming scheme for
 * temporary files, so that a run directory can tell its leftovers from its outputs. Imports no other ablate4j package.
 */
package io.ablate4j.files;
