package io.ablate4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Enums.Missing;
import io.ablate4j.config.Enums.Normalization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tables (csv files, java data): defaults from the table's own size, columns by name, the keys issue 26 added. */
class TableConfigTest {
    static String config(String dataset) {
        return "name: t\ndataset: " + dataset + "\nmodel: {hidden: [4]}\ntraining: {epochs: 1}\n";
    }

    static DatasetConfig dataset(String dataset) {
        return ConfigLoader.parse("cfg/x.yaml", config(dataset)).base().dataset();
    }

    @Test
    void aTableWithoutSizesTakesThemFromItsRowsIsStandardizedAndWritesNoSizes() {
        DatasetConfig d = dataset("{name: csv, csv: {trainFile: data/t.csv, labelColumn: diagnosis}}");
        assertEquals(DatasetConfig.REST, d.trainSize());
        assertEquals(DatasetConfig.SHARE, d.validationSize());
        assertEquals(DatasetConfig.SHARE, d.testSize());
        assertEquals(Normalization.STANDARDIZE, d.normalize());
        Map<String, Object> map = d.toMap();
        assertFalse(map.containsKey("trainSize") || map.containsKey("validationSize") || map.containsKey("testSize"),
                map.toString());
        assertEquals("standardize", map.get("normalize"));
        assertEquals("diagnosis", ((Map<?, ?>) map.get("csv")).get("labelColumn"));
        // the resolved config written and read again is the same config (a trial's config.yaml)
        org.yaml.snakeyaml.DumperOptions flow = new org.yaml.snakeyaml.DumperOptions();
        flow.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW);
        flow.setWidth(10_000);
        assertEquals(d.toMap(), dataset(new org.yaml.snakeyaml.Yaml(flow).dump(map).strip()).toMap());
        // relative paths are the config file's
        assertEquals(Path.of("cfg/data/t.csv"), d.resolve(d.csv().trainFile()));
        assertEquals(Path.of("data/t.csv"), dataset("{name: csv, csv: {trainFile: ../data/t.csv}}")
                .resolve("../data/t.csv"));
        assertEquals(Map.of("csv.trainFile", Path.of("cfg/data/t.csv").toAbsolutePath().toString()),
                d.resolvedPaths());
    }

    @Test
    void aTestFileIsAllTestAndFoldsMeanNoValidationSplit() {
        DatasetConfig withTest = dataset("{name: csv, csv: {trainFile: a.csv, testFile: b.csv}}");
        assertEquals(0, withTest.testSize());
        assertEquals(DatasetConfig.SHARE, withTest.validationSize());
        DatasetConfig folds = dataset("{name: csv, folds: 5, csv: {trainFile: a.csv}}");
        assertEquals(0, folds.validationSize());
        assertEquals(DatasetConfig.SHARE, folds.testSize());
        DatasetConfig stated = dataset("{name: csv, trainSize: 100, validationSize: 20, testSize: 30, normalize: "
                + "minmax, csv: {trainFile: a.csv}}");
        assertEquals(List.of(100, 20, 30), List.of(stated.trainSize(), stated.validationSize(), stated.testSize()));
        assertEquals(Normalization.MINMAX, stated.normalize());
        // images keep their defaults
        DatasetConfig images = dataset("{name: fashion-mnist}");
        assertEquals(List.of(2000, 1000, 0), List.of(images.trainSize(), images.validationSize(), images.testSize()));
        assertEquals(Normalization.SCALE01, images.normalize());
    }

    @Test
    void missingAndCategoricalAreBoundAndWrittenOnlyWhenSet() {
        DatasetConfig d = dataset("{name: csv, csv: {trainFile: a.csv, missing: drop-rows, categorical: [site, 3]}}");
        assertEquals(Missing.DROP_ROWS, d.csv().missing());
        assertEquals(List.of("site", "3"), d.csv().categorical());
        Map<?, ?> csv = (Map<?, ?>) d.toMap().get("csv");
        assertEquals("drop-rows", csv.get("missing"));
        assertEquals(List.of("site", 3), csv.get("categorical"));
        Map<?, ?> plain = (Map<?, ?>) dataset("{name: csv, csv: {trainFile: a.csv}}").toMap().get("csv");
        assertFalse(plain.containsKey("missing") || plain.containsKey("categorical"), plain.toString());
        assertEquals(-1, plain.get("labelColumn"));
    }

    @Test
    void javaDataNamesItsClass() {
        DatasetConfig d = dataset("{name: java, class: com.example.MyData}");
        assertEquals("com.example.MyData", d.dataClass());
        assertEquals(DatasetConfig.REST, d.trainSize());
        assertEquals("com.example.MyData", d.toMap().get("class"));
        assertNull(dataset("{name: fashion-mnist}").dataClass());
    }

    @Test
    void mistakesAreLocated() {
        assertEquals("cfg/x.yaml:2: dataset.csv.labelColumn = diagnosis: a column name needs header: true; without a "
                + "header give a zero-based index", error("{name: csv, csv: {trainFile: a.csv, header: false, "
                + "labelColumn: diagnosis}}"));
        assertEquals("cfg/x.yaml:2: dataset.csv.categorical[1] = [a]: a header name (needs header: true) or a "
                + "zero-based column index (negative counts from the end, -1 = last)", error("{name: csv, csv: "
                + "{trainFile: a.csv, categorical: [site, [a]]}}"));
        assertEquals("cfg/x.yaml:2: dataset.csv.missing = zero: must be one of error | drop-rows | mean",
                error("{name: csv, csv: {trainFile: a.csv, missing: zero}}"));
        assertEquals("cfg/x.yaml:2: dataset.class: name: java needs the class that hands over the examples: a fully "
                + "qualified io.ablate4j.data.ExampleSource class, its jar on --classpath", error("{name: java}"));
        assertEquals("cfg/x.yaml:2: dataset.class = com.example.MyData: only used with name: java",
                error("{name: csv, class: com.example.MyData, csv: {trainFile: a.csv}}"));
        assertEquals("cfg/x.yaml:2: dataset.class = my data: not a Java class name; give the fully qualified name, "
                + "e.g. com.example.MyData", error("{name: java, class: my data}"));
        assertTrue(error("{name: java, class: a.B, csv: {trainFile: a.csv}}").endsWith("only used with name: csv"));
    }

    static String error(String dataset) {
        return org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("cfg/x.yaml", config(dataset))).getMessage();
    }
}
