package io.ablate4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's config reference lists exactly the keys {@link Schema} declares, in its order, each with the
 * declared default: the documentation cannot drift from what the loader does.
 */
class SchemaDocumentationTest {
    /** key path → default cell of the README's config reference table (backticks dropped). */
    static Map<String, String> readmeTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Config reference");
        int end = readme.indexOf("\n#", start + 1);
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : readme.substring(start, end).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split(" \\| ");
            String key = cells[0].substring(2).replace("`", "").trim();
            assertTrue(rows.put(key, cells[1].replace("`", "").trim()) == null, "listed twice: " + key);
        }
        return rows;
    }

    @Test
    void theReadmeListsEveryDeclaredKeyWithItsDefaultAndNothingElse() throws IOException {
        Map<String, String> declared = new LinkedHashMap<>();
        Schema.keys().forEach(k -> declared.put(k.path(), k.shownDefault()));
        Map<String, String> readme = readmeTable();
        assertEquals(String.join("\n", declared.keySet()), String.join("\n", readme.keySet()),
                "README 'Config reference' keys (in order) differ from Schema's");
        List<String> differ = new ArrayList<>();
        declared.forEach((key, shown) -> {
            if (!shown.equals(readme.get(key))) {
                differ.add(key + ": README says '" + readme.get(key) + "', Schema '" + shown + "'");
            }
        });
        assertEquals(List.of(), differ, "README 'Config reference' defaults differ from Schema's");
    }

    @Test
    void everyKeyIsDocumentedAndEverySectionIsDeclared() {
        for (Key<?> k : Schema.keys()) {
            assertTrue(!k.doc().isBlank() && !k.type().isBlank() && !k.allowed().isBlank(), k.path());
            if (k.kind() == Key.Kind.SECTION || k.kind() == Key.Kind.SECTIONS) {
                String section = k.path() + (k.kind() == Key.Kind.SECTIONS ? "[]" : "");
                assertTrue(Schema.SECTIONS.containsKey(section), "no keys declared for " + section);
            }
        }
    }
}
