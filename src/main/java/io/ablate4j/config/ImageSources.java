package io.ablate4j.config;

import io.ablate4j.config.Enums.CifarLabels;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Schema.Dataset;

/**
 * The rules of the image datasets beyond the IDX pair: a folder of one's own ({@code name: images}) and CIFAR-10/100.
 * Kept apart from {@link DatasetConfig} so that the record reads as before for the other datasets.
 */
final class ImageSources {
    private ImageSources() {
    }

    /** fashion-mnist, mnist, images, cifar10, cifar100. */
    static boolean isImage(DatasetName name) {
        return switch (name) {
            case FASHION_MNIST, MNIST, IMAGES, CIFAR10, CIFAR100 -> true;
            case CSV, SYNTHETIC, DIABETES, JAVA -> false;
        };
    }

    /** The datasets that choose where their files come from with {@code source}. */
    static boolean hasSource(DatasetName name) {
        return name == DatasetName.FASHION_MNIST || name == DatasetName.MNIST || isCifar(name);
    }

    static boolean isCifar(DatasetName name) {
        return name == DatasetName.CIFAR10 || name == DatasetName.CIFAR100;
    }

    /**
     * Checks source, path and the image keys of a dataset and returns its image settings: the defaults filled in for
     * images and cifar100 (fine labels), null for the datasets that have none.
     *
     * @throws ConfigException naming the key, the value and what is allowed
     */
    static ImageConfig check(DatasetName name, DataSource source, String path, ImageConfig image) {
        if (isCifar(name)) {
            if (source == DataSource.BUNDLED) {
                throw new ConfigException(Dataset.SOURCE.path(), source, "there is no bundled CIFAR subset; use "
                        + "source: auto (the official binary files in datasets/" + name.yamlName()
                        + "/, $ABLATE4J_DATA "
                        + "or /usr/share/datasets/" + name.yamlName() + "/; './ablate4j data fetch " + name.yamlName()
                        + "' downloads them) or source: path with dataset.path");
            }
            if (source == DataSource.PATH && (path == null || path.isBlank())) {
                throw new ConfigException(Dataset.PATH.path(), null, "source: path needs the directory of the CIFAR "
                        + "binary files");
            }
            if (source != DataSource.PATH && path != null) {
                throw new ConfigException(Dataset.PATH.path(), path, "only used with source: path");
            }
        }
        if (name == DatasetName.IMAGES) {
            if (path == null || path.isBlank()) {
                throw new ConfigException(Dataset.PATH.path(), null, "name: images needs the folder: one subfolder of "
                        + "images per class (or train/ and test/ holding such subfolders)");
            }
            if (source != DataSource.PATH) {
                throw new ConfigException(Dataset.SOURCE.path(), source, "name: images reads dataset.path; source is "
                        + "for fashion-mnist, mnist and cifar");
            }
        }
        if (image == null) {
            return name == DatasetName.IMAGES ? new ImageConfig(null, 0, null)
                    : name == DatasetName.CIFAR100 ? new ImageConfig(null, 0, CifarLabels.FINE) : null;
        }
        if (name != DatasetName.IMAGES && image.size() != null) {
            throw new ConfigException(Dataset.IMAGE_SIZE.path(), image.size(), "only used with name: images (the "
                    + "images of a folder are resized to it)");
        }
        if (name != DatasetName.IMAGES && image.channels() != 0) {
            throw new ConfigException(Dataset.CHANNELS.path(), image.channels(), "only used with name: images");
        }
        if (name != DatasetName.CIFAR100 && image.labels() != null) {
            throw new ConfigException(Dataset.LABELS.path(), image.labels(), "only used with name: cifar100 (fine or "
                    + "coarse labels)");
        }
        if (name == DatasetName.CIFAR100 && image.labels() == null) {
            return new ImageConfig(null, 0, CifarLabels.FINE);
        }
        if (name != DatasetName.IMAGES && name != DatasetName.CIFAR100) {
            return null;
        }
        return image;
    }

    /** See {@link DatasetConfig#imageShape()}. */
    static ImageShape shape(DatasetName name, ImageConfig image) {
        return switch (name) {
            case FASHION_MNIST, MNIST -> ImageShape.GREY_28;
            case CIFAR10, CIFAR100 -> ImageShape.RGB_32;
            case IMAGES -> image == null ? null : image.shape();
            case CSV, SYNTHETIC, DIABETES, JAVA -> null;
        };
    }

    /** See {@link DatasetConfig#knownClasses()}. */
    static int classes(DatasetName name, ImageConfig image) {
        return switch (name) {
            case FASHION_MNIST, MNIST, CIFAR10 -> 10;
            case CIFAR100 -> image != null && image.labels() == CifarLabels.COARSE ? 20 : 100;
            case IMAGES, CSV, SYNTHETIC, DIABETES, JAVA -> 0;
        };
    }
}
