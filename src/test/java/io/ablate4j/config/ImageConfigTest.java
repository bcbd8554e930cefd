package io.ablate4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ablate4j.config.Enums.CifarLabels;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.sweep.SweepExpander;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys of image folders and CIFAR: bound, written back, and refused where they do not belong, with the place. */
class ImageConfigTest {
    private static final String REST = "model: {type: mlp, hidden: [8]}\ntraining: {epochs: 1}\n";

    private static Experiment bind(String dataset, String model) {
        return ConfigLoader.parse("x.yaml", "name: t\ndataset: " + dataset + "\n" + model + "training: {epochs: 1}\n");
    }

    private static Experiment bind(String dataset) {
        return ConfigLoader.parse("x.yaml", "name: t\ndataset: " + dataset + "\n" + REST);
    }

    private static String error(String dataset, String model) {
        return assertThrows(ConfigException.class, () -> SweepExpander.expand(bind(dataset, model))).getMessage();
    }

    private static String error(String dataset) {
        return error(dataset, "model: {type: mlp, hidden: [8]}\n");
    }

    @Test
    void folderAndCifarKeysBindWithTheirDefaults() {
        DatasetConfig folder = bind("{name: images, path: pics, imageSize: [24, 20], channels: 3}").base().dataset();
        assertEquals(DataSource.PATH, folder.source());
        assertEquals(new ImageShape(24, 20, 3), folder.imageShape());
        assertEquals(0, folder.knownClasses());
        Map<String, Object> written = folder.toMap();
        assertEquals(List.of(24, 20), written.get("imageSize"));
        assertEquals(3, written.get("channels"));
        assertNull(written.get("source"), "a folder has no source to write");

        DatasetConfig own = bind("{name: images, path: pics}").base().dataset();
        assertNull(own.imageShape(), "size and channels come from the files");
        assertEquals(new ImageConfig(null, 0, null), own.image());

        DatasetConfig cifar10 = bind("{name: cifar10}").base().dataset();
        assertEquals(DataSource.AUTO, cifar10.source());
        assertEquals(ImageShape.RGB_32, cifar10.imageShape());
        assertNull(cifar10.image());
        assertEquals(10, cifar10.knownClasses());
        DatasetConfig coarse = bind("{name: cifar100, source: path, path: c, labels: coarse}").base().dataset();
        assertEquals(CifarLabels.COARSE, coarse.image().labels());
        assertEquals(20, coarse.knownClasses());
        assertEquals(CifarLabels.FINE, bind("{name: cifar100}").base().dataset().image().labels());
        assertEquals("fine", bind("{name: cifar100}").base().dataset().toMap().get("labels").toString());

        AugmentConfig crop = bind("{name: cifar10, augment: {cropPadding: 4, flipHorizontal: true}}").base().dataset()
                .augment();
        assertEquals(4, crop.cropPadding());
        assertEquals(4, crop.toMap().get("cropPadding"));
        assertNull(AugmentConfig.NONE.toMap().get("cropPadding"), "written only when set: old hashes stay");
    }

    @Test
    void keysWhereTheyDoNotBelongAreLocatedErrors() {
        assertEquals("x.yaml:2: dataset.imageSize = [28, 28]: only used with name: images (a folder of one's own "
                + "images)", error("{name: fashion-mnist, imageSize: [28, 28]}"));
        assertEquals("x.yaml:2: dataset.labels = coarse: only used with name: cifar100 (fine or coarse labels)",
                error("{name: cifar10, labels: coarse}"));
        assertEquals("x.yaml:2: dataset.channels = 2: 1 (grey) or 3 (RGB); leave it out to take the files'",
                error("{name: images, path: p, channels: 2}"));
        assertEquals("x.yaml:2: dataset.imageSize = [32]: two whole numbers: [height, width]",
                error("{name: images, path: p, imageSize: [32]}"));
        assertEquals("x.yaml:2: dataset.path: name: images needs the folder: one subfolder of images per class (or "
                + "train/ and test/ holding such subfolders)", error("{name: images}"));
        assertEquals("x.yaml:2: dataset.source = auto: name: images reads dataset.path; source is for fashion-mnist, "
                + "mnist and cifar", error("{name: images, path: p, source: auto}"));
        assertEquals("x.yaml:2: dataset.source = bundled: there is no bundled CIFAR subset; use source: auto (the "
                + "official binary files in datasets/cifar10/, $ABLATE4J_DATA or /usr/share/datasets/cifar10/; "
                + "'./ablate4j data fetch cifar10' downloads them) or source: path with dataset.path",
                error("{name: cifar10, source: bundled}"));
        assertEquals("x.yaml:2: dataset.augment.cropPadding = 4: cropPadding and shiftPixels both translate the image "
                + "(a crop of the padded image is a shift by up to the padding); use one: cropPadding pads with black, "
                + "shiftPixels with 0 after normalization",
                error("{name: cifar10, augment: {cropPadding: 4, shiftPixels: 2}}"));
    }

    @Test
    void aCnnThatPoolsCifarAwayIsALocatedError() {
        String conv = "model: {type: cnn, conv: [{filters: 4, pool: 2}, {filters: 4, pool: 2}, {filters: 4, pool: 2}, "
                + "{filters: 4, pool: 2}, {filters: 4, pool: 2}, {filters: 4, pool: 2}]}\n";
        assertEquals("x.yaml:3: model.conv[5].pool = 2: a 2×2 max pooling needs maps of at least that size, but the "
                + "blocks before it and its convolution leave 1×1 of the 32×32×3 images of cifar10; use pool: 1 "
                + "here, fewer blocks, or larger images", error("{name: cifar10}", conv));
        // five pools leave 1×1 of 32×32: fine
        assertEquals(1, SweepExpander.expand(bind("{name: cifar10}", conv.replace(", {filters: 4, pool: 2}]}",
                "]}"))).trials().size() / 3);
        assertEquals("x.yaml:3: model.conv[1].pool = 2: a 2×2 max pooling needs maps of at least that size, but the "
                + "blocks before it and its convolution leave 1×1 of the 3×3×1 images of images (dataset.imageSize, "
                + "dataset.channels); use pool: 1 here, fewer blocks, or larger images",
                error("{name: images, path: p, imageSize: [3, 3], channels: 1}",
                        "model: {type: cnn, conv: [{filters: 4, pool: 2}, {filters: 4, pool: 2}]}\n"));
    }

    @Test
    void recordsRefuseWhatTheBinderRefuses() {
        assertEquals("dataset.channels = 2: 1 (grey) or 3 (RGB); leave it out to take the files'",
                assertThrows(ConfigException.class, () -> new ImageConfig(null, 2, null)).getMessage());
        assertThrows(ConfigException.class, () -> new DatasetConfig(DatasetName.CIFAR10, DataSource.AUTO, null, 10, 0,
                0, 0, Enums.Normalization.NONE, AugmentConfig.NONE, null, null, Enums.Task.CLASSIFICATION, 0, false, null, null,
                new ImageConfig(List.of(16, 16), 0, null)));
    }
}
