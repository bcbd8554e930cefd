package io.ablate4j.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The renderers of the one document model: escaping and layout rules each format owns. */
class RenderersTest {
    @Test
    void markdownEscapesTableBreakers() {
        assertEquals("a\\|b \\<i\\> \\_x\\_", MarkdownRenderer.escape("a|b <i> _x_"));
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;", HtmlRenderer.escape("<a href=\"x\">&"));
    }

    @Test
    void longTableWordsBreakAfterKeyPunctuationButNotInsideNumbers() {
        assertEquals("model.<wbr>dropoutPosition=<wbr>before-bn",
                HtmlRenderer.breakable("model.dropoutPosition=before-bn"));
        assertEquals("model.<wbr>dropout=<wbr>0.2", HtmlRenderer.breakable("model.dropout=0.2"));
        assertEquals("0.2 short.word", HtmlRenderer.breakable("0.2 short.word"));
        assertEquals("a&lt;b.<wbr>c&amp;dddddddddd", HtmlRenderer.breakable("a<b.c&dddddddddd"));
    }

    @Test
    void consoleParagraphsWrapAtSpaces() {
        String text = "word ".repeat(60).trim();
        String wrapped = TextRenderer.wrap(text);
        assertTrue(wrapped.lines().allMatch(l -> l.length() <= TextRenderer.WIDTH), wrapped);
        assertEquals(text, wrapped.replace('\n', ' '));
        assertEquals("x".repeat(130), TextRenderer.wrap("x".repeat(130)), "a long word stays whole");
    }

    @Test
    void latexEscapesItsSpecialCharacters() {
        assertEquals("model.drop\\_rate=0.5 \\& 95\\% \\$x\\$ \\#1 \\{a\\} \\textasciitilde{}\\textasciicircum{} "
                + "\\textbackslash{}", LatexRenderer.escape("model.drop_rate=0.5 & 95% $x$ #1 {a} ~^ \\"));
        assertEquals("$-$0.5 -- $<$0.001 $\\to$ $\\geq$", LatexRenderer.escape("−0.5 – <0.001 → ≥"));
    }

    @Test
    void aLatexRowNeverStartsWithABracket() {
        String tex = LatexRenderer.render("t", List.of(new Doc.Table("c", List.of("x", "y"),
                List.of(List.of("[a]", "1")))));
        assertTrue(tex.contains("\n    {}[a] & 1 \\\\\n"), tex);
    }
}
