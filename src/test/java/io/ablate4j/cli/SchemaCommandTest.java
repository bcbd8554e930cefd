package io.ablate4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Key;
import io.ablate4j.config.Schema;
import org.junit.jupiter.api.Test;

/** {@code ablate4j schema}: the declared schema, every key with type, default, range and meaning. */
class SchemaCommandTest {
    @Test
    void listsEveryKeyAsDeclared() {
        CliTest.Result r = CliTest.cli("schema");
        assertEquals(0, r.code(), r.err());
        for (Key<?> k : Schema.keys()) {
            assertTrue(r.out().contains(k.path()) && r.out().contains(k.doc()), k.path());
        }
    }

    @Test
    void aKeyPathSelectsItAndTheKeysUnderIt() {
        CliTest.Result r = CliTest.cli("schema", "model.dropout", "training.optimizer");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[1].matches("model\\.dropout +number +0 +\\[0, 1\\)"), lines[1]);
        assertEquals("    " + Schema.Model.DROPOUT.doc(), lines[2]);
        assertTrue(r.out().contains("training.optimizer.learningRate") && r.out().contains("1e-3 (sgd, nesterovs: "
                + "0.05)") && !r.out().contains("model.inputDropout"), r.out());
        CliTest.Result none = CliTest.cli("schema", "model.dropuot");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no key of the schema"), none.err());
    }
}
