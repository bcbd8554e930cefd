/**
 * The live page of a run ({@code ablate4j serve RUN_DIR}, {@code ablate4j run … --serve [HOST:]PORT}): progress,
 * learning curves that grow each epoch, and the report's own summary, verdicts, claims and adaptive looks, marked
 * provisional until the run ends, then the final report. {@link io.ablate4j.serve.LivePage} serves it;
 * {@link io.ablate4j.serve.Live} is what a run in this JVM has not written yet (fed by {@code run.RunObserver});
 * {@code RunView} reads the run directory through the report's reader and statistics, so page and report agree.
 *
 * <p>Safe by default and second to training: its own small HTTP server ({@code PageServer}) listens on 127.0.0.1
 * unless told otherwise, answers {@code GET} and {@code HEAD} of three fixed paths only (no file is looked up by a
 * client's path; {@code ..}, encoded characters and backslashes are refused before anything else), bounds request
 * sizes, connections and their lifetimes ({@link io.ablate4j.serve.Limits}), and runs on two low-priority daemon
 * threads that no trial ever waits for. It reads the run directory at most once a second and with at most 2% of one
 * core, and nothing outside it.
 */
package io.ablate4j.serve;
