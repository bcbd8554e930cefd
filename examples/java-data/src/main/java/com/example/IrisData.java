package com.example;

import io.ablate4j.data.ExampleSource;
import io.ablate4j.data.ExampleTable;
import java.io.InputStream;
import java.util.List;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;

/**
 * Fisher's iris data through a DataVec pipeline, as a DL4J user's own data would come: a {@link CSVRecordReader}
 * over {@code iris.csv}, packed into this jar as a resource (so that it travels with the jar to Spark executors and
 * never depends on the working directory). The file is scikit-learn's copy: a first line of counts and class names
 * ({@code 150,4,setosa,versicolor,virginica}), then 150 rows of four measurements in cm and a class index 0..2.
 */
public final class IrisData implements ExampleSource {
    static final List<String> FEATURES = List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)",
            "petal width (cm)");

    @Override
    public ExampleTable examples() throws Exception {
        InputStream csv = IrisData.class.getResourceAsStream("iris.csv");
        if (csv == null) {
            throw new IllegalStateException("iris.csv is not in the jar beside " + IrisData.class.getName());
        }
        try (RecordReader records = new CSVRecordReader(0, ',')) {
            records.initialize(new InputStreamInputSplit(csv));
            List<Writable> first = records.next();
            List<String> classes = first.subList(2, first.size()).stream().map(Writable::toString).toList();
            // the rest of the records: four features, then the class index in column 4
            return ExampleTable.ofRecords(records, 4).withClassNames(classes).withFeatureNames(FEATURES);
        }
    }
}
