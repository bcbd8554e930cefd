package io.ablate4j.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SVG figures of a report as the document places them, and what was left out and why: {@code forestNotes} go
 * with the forest plot, {@code factorNotes} with the main-effect and interaction plots.
 */
public record FigureSet(Optional<Doc.Svg> forest, Optional<Doc.Svg> mainEffects, Optional<Doc.Svg> interactions,
                        List<String> forestNotes, List<String> factorNotes) {
    public FigureSet {
        forestNotes = List.copyOf(forestNotes);
        factorNotes = List.copyOf(factorNotes);
    }

    public List<Doc.Svg> all() {
        List<Doc.Svg> out = new ArrayList<>();
        forest.ifPresent(out::add);
        mainEffects.ifPresent(out::add);
        interactions.ifPresent(out::add);
        return out;
    }
}
