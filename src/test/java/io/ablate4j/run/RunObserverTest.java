package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.TrialStatus;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run tells its observer what it does while it trains, and an observer that throws never stops it. */
class RunObserverTest {
    @TempDir
    Path tmp;

    @Test
    void theObserverSeesEveryTrialStartEveryEpochAndTheEnd() throws IOException {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        RunObserver o = new RunObserver() {
            @Override
            public void started(Path dir, Plan plan, int planned, int recorded) {
                events.add("started " + planned + " " + recorded);
            }

            @Override
            public void trialStarted(Trial trial) {
                events.add("trial " + trial.id());
            }

            @Override
            public void epoch(Trial trial, int epoch, Map<String, Double> cells) {
                assertTrue(cells.keySet().containsAll(CsvSchemas.METRICS), cells.toString());
                assertTrue(cells.get("val_acc") > 0 && cells.get("epoch_seconds") > 0, cells.toString());
                events.add("epoch " + trial.id() + " " + epoch);
            }

            @Override
            public void trialFinished(Trial trial, TrialStatus status) {
                events.add("finished " + trial.id() + " " + status.csvName());
            }

            @Override
            public void ended(Path dir, boolean interrupted) {
                events.add("ended " + interrupted);
            }
        };
        Path out = tmp.resolve("run");
        RunResult r = new Runner(new RunnerTest().options(out, 2).withObserver(o))
                .run(RunnerTest.plan(RunnerTest.TINY));
        assertEquals(4, r.ok());
        assertEquals("started 4 0", events.get(0));
        assertEquals("ended false", events.get(events.size() - 1));
        for (Trial t : r.plan().trials()) {
            int started = events.indexOf("trial " + t.id());
            int finished = events.indexOf("finished " + t.id() + " ok");
            assertTrue(started > 0 && finished > started, events.toString());
            for (int e = 1; e <= 8; e++) {
                int at = events.indexOf("epoch " + t.id() + " " + e);
                assertTrue(at > started && at < finished, "epoch " + e + " of " + t.id() + ": " + events);
            }
        }
    }

    @Test
    void anObserverThatThrowsNeverStopsTheRun() throws IOException {
        RunObserver broken = new RunObserver() {
            @Override
            public void started(Path dir, Plan plan, int planned, int recorded) {
                throw new IllegalStateException("started");
            }

            @Override
            public void trialStarted(Trial trial) {
                throw new IllegalStateException("trialStarted");
            }

            @Override
            public void epoch(Trial trial, int epoch, Map<String, Double> cells) {
                throw new IllegalStateException("epoch");
            }

            @Override
            public void trialFinished(Trial trial, TrialStatus status) {
                throw new IllegalStateException("trialFinished");
            }

            @Override
            public void ended(Path dir, boolean interrupted) {
                throw new IllegalStateException("ended");
            }
        };
        Path out = tmp.resolve("run");
        RunResult r = new Runner(new RunnerTest().options(out, 2).withObserver(broken))
                .run(RunnerTest.plan(RunnerTest.TINY.replace("epochs: 8", "epochs: 2")));
        assertEquals(4, r.ok());
        assertFalse(r.interrupted());
    }
}
