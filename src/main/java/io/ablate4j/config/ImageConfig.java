package io.ablate4j.config;

import io.ablate4j.config.Enums.CifarLabels;
import io.ablate4j.config.Schema.Dataset;
import java.util.List;

/**
 * How images are read, for the datasets that have a choice: {@code name: images} (size and channels) and
 * {@code name: cifar100} (which label).
 *
 * @param size     {@code [height, width]} every image of a folder is resized to; null keeps the images' own size
 *                 (they must then all have it)
 * @param channels 1 (grey) or 3 (RGB), the other kind converted; 0 takes the files' (3 when any image is in colour)
 * @param labels   CIFAR-100: fine or coarse labels; null for other datasets
 */
public record ImageConfig(List<Integer> size, int channels, CifarLabels labels) {
    /** @throws ConfigException naming the key, the value and what is allowed */
    public ImageConfig {
        if (size != null) {
            size = List.copyOf(size);
            if (size.size() != 2) {
                throw new ConfigException(Dataset.IMAGE_SIZE.path(), size, "two whole numbers: [height, width]");
            }
            Dataset.IMAGE_SIZE.check(size);
        }
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new ConfigException(Dataset.CHANNELS.path(), channels, "1 (grey) or 3 (RGB); leave it out to take "
                    + "the files'");
        }
    }

    /** The size as a shape with {@code channels}, or null when the size or the channels come from the files. */
    ImageShape shape() {
        return size == null || channels == 0 ? null : new ImageShape(size.get(0), size.get(1), channels);
    }
}
