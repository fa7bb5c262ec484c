package io.seqpipe.translation;

import io.seqpipe.testing.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared Multi30k and Tatoeba files parse as their READMEs describe. */
@Tag("real-data")
class ParallelCorpusRealDataTest {
    @Test
    void multi30kTrainIsAlignedAndValAgainstTrainIsNot() throws Exception {
        Path dir = Fixtures.sharedDataset("multi30k-en-de");
        List<String> de = Files.readAllLines(dir.resolve("train.de"), StandardCharsets.UTF_8);
        List<String> en = Files.readAllLines(dir.resolve("train.en"), StandardCharsets.UTF_8);
        List<SentencePair> pairs = ParallelText.aligned(de, "train.de", en, "train.en");
        assertEquals(29_000, pairs.size());
        assertEquals("Zwei junge weiße Männer sind im Freien in der Nähe vieler Büsche.", pairs.get(0).source());
        assertEquals("Two young, White males are outside near many bushes.", pairs.get(0).target());
        List<String> valEn = Files.readAllLines(dir.resolve("val.en"), StandardCharsets.UTF_8);
        MisalignedCorpusException e = assertThrows(MisalignedCorpusException.class,
                () -> ParallelText.aligned(de, "train.de", valEn, "val.en"));
        assertTrue(e.getMessage().contains("train.de has 29000 lines but val.en has 1014"), e.getMessage());
    }

    @Test
    void tatoebaPairsAllParseAndNoBreakSpacesNeverBecomeTokens() throws Exception {
        Path file = Fixtures.sharedDataset("tatoeba-eng-fra").resolve("fra.txt");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(142_787, lines.size());
        TranslationTokenizer fr = TranslationTokenizer.forLanguage(TranslationTokenizer.Language.FR);
        int i = 0;
        for (String line : lines) {
            PairOutcome o = ParallelText.tabSeparated(line, "fra.txt", ++i, 0, 1);
            assertFalse(o.isRejected(), () -> "line " + o);
            if (i % 97 == 0) {
                for (String t : fr.tokenize(o.pair().target())) {
                    assertFalse(t.isBlank() || t.contains("\u202F") || t.contains("\u00A0"), line);
                }
            }
        }
    }
}
