package io.seqpipe.translation;

import io.seqpipe.data.RejectReason;
import io.seqpipe.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;
import java.util.Map;

import static io.seqpipe.translation.TranslationTokenizer.Language.DE;
import static io.seqpipe.translation.TranslationTokenizer.Language.EN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairEncoderTest {
    /** Source (de) ids: <pad>0 <unk>1 <s>2 </s>3 ein4 hund5 .6; target (en): ... a4 dog5 .6 runs7 */
    private static PairEncoder encoder(int maxSource, int maxTarget) {
        Vocabulary de = TranslationVocabularies.build(Map.of("ein", 5L, "hund", 4L, ".", 3L, "rar", 1L), 2, 100);
        Vocabulary en = TranslationVocabularies.build(Map.of("a", 9L, "dog", 8L, ".", 7L, "runs", 6L), 1, 100);
        return new PairEncoder(TranslationTokenizer.forLanguage(DE), TranslationTokenizer.forLanguage(EN), de, en,
                maxSource, maxTarget);
    }

    @Test
    void vocabulariesKeepPadAndUnkAndAddBosEos() {
        Vocabulary v = encoder(10, 10).targetVocabulary();
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "a", "dog", ".", "runs"), v.toLines());
        assertEquals(Vocabulary.PAD_ID, v.id("<pad>"));
        assertEquals(Vocabulary.UNK_ID, v.id("never-seen"));
        // maxSize counts all four reserved ids
        Vocabulary small = TranslationVocabularies.build(Map.of("a", 3L, "b", 2L, "c", 1L), 1, 6);
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "a", "b"), small.toLines());
        assertThrows(IllegalArgumentException.class, () -> TranslationVocabularies.check(Vocabulary.of(List.of("x"))));
    }

    @Test
    void encodesSourceDecoderInputAndOutput() {
        PairEncoder.Outcome o = encoder(10, 10).encode(new SentencePair("Ein seltener Hund.", "A dog runs.", "f", 4));
        EncodedPair p = o.pair();
        assertArrayEquals(new int[]{4, 1, 5, 6}, p.source());        // "seltener" is unknown
        assertArrayEquals(new int[]{2, 4, 5, 7, 6}, p.decoderInput()); // <s> a dog runs .
        assertArrayEquals(new int[]{4, 5, 7, 6, 3}, p.decoderOutput()); // a dog runs . </s>
        assertEquals(4, p.targetLength());
        assertEquals(4, p.line());
        assertEquals(List.of("a", "dog", "runs", "."), encoder(10, 10).targetTokens(new int[]{4, 5, 7, 6, 3, 4, 0}));
    }

    @Test
    void emptyAndOverLongPairsAreRejectedAndCounted() {
        PairEncoder enc = encoder(3, 4);
        List<SentencePair> pairs = List.of(
                new SentencePair("Ein Hund.", "A dog.", "f", 1),
                new SentencePair(" \u00A0", "A dog.", "f", 2),
                new SentencePair("Ein Hund.", "...", "f", 3),            // "..." is three tokens, not empty
                new SentencePair("Ein Hund.", "", "f", 4),
                new SentencePair("Ein Hund , ein Hund.", "A dog.", "f", 5),
                new SentencePair("Ein Hund.", "A dog , a dog.", "f", 6),
                new SentencePair("Ein Hund.", "A dog runs.", "f", 7)); // exactly 4 target tokens: kept
        PairFilterCounts counts = new PairFilterCounts();
        for (SentencePair p : pairs) {
            PairEncoder.Outcome o = enc.encode(p);
            if (o.isRejected()) {
                counts.reject(o.rejection().reason());
                assertEquals(p.line(), o.rejection().offset());
            } else {
                counts.keep();
            }
        }
        assertEquals(3, counts.kept());
        assertEquals(1, counts.rejected(RejectReason.EMPTY_SOURCE));
        assertEquals(1, counts.rejected(RejectReason.EMPTY_TARGET));
        assertEquals(1, counts.rejected(RejectReason.SOURCE_TOO_LONG));
        assertEquals(1, counts.rejected(RejectReason.TARGET_TOO_LONG));
        assertEquals(Map.of("empty_source", 1L, "empty_target", 1L, "source_too_long", 1L, "target_too_long", 1L),
                counts.rejectedByReason());
        PairFilterCounts other = new PairFilterCounts().keep().reject(RejectReason.EMPTY_SOURCE);
        assertEquals(4, counts.merge(other).kept());
        assertEquals(5, counts.rejectedTotal());
    }

    @Test
    void minibatchPadsEachSideToItsLongestAndBuildsMasks() {
        PairEncoder enc = encoder(10, 10);
        EncodedPair a = enc.encode(new SentencePair("Ein Hund.", "A dog runs.", "f", 1)).pair();  // src 3, dec 5
        EncodedPair b = enc.encode(new SentencePair("Hund", "Dog", "f", 2)).pair();               // src 1, dec 2
        MultiDataSet mds = TranslationBatch.assemble(List.of(a, b), TranslationBatch.LabelFormat.INDICES, 8);
        assertArrayEquals(new long[]{2, 1, 3}, mds.getFeatures(0).shape());
        assertArrayEquals(new long[]{2, 1, 5}, mds.getFeatures(1).shape());
        assertArrayEquals(new float[]{1, 1, 1, 1, 0, 0}, mds.getFeaturesMaskArray(0).data().asFloat());
        assertArrayEquals(new float[]{1, 1, 1, 1, 1, 1, 1, 0, 0, 0}, mds.getFeaturesMaskArray(1).data().asFloat());
        assertEquals(mds.getFeaturesMaskArray(1), mds.getLabelsMaskArray(0));
        assertArrayEquals(new float[]{5, 0, 0}, mds.getFeatures(0).slice(1).dup().data().asFloat());
        assertArrayEquals(new float[]{2, 5, 0, 0, 0}, mds.getFeatures(1).slice(1).dup().data().asFloat());
        assertArrayEquals(new float[]{5, 3, 0, 0, 0}, mds.getLabels(0).slice(1).dup().data().asFloat());

        MultiDataSet oneHot = TranslationBatch.assemble(List.of(a, b), TranslationBatch.LabelFormat.ONE_HOT, 8);
        assertArrayEquals(new long[]{2, 8, 5}, oneHot.getLabels(0).shape());
        assertEquals(1.0, oneHot.getLabels(0).getDouble(0, 3, 4), 0.0); // </s> at a's last step
        assertEquals(7.0, oneHot.getLabels(0).sumNumber().doubleValue(), 0.0); // one per real decoder step
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TranslationBatch.assemble(List.of(a),
                TranslationBatch.LabelFormat.ONE_HOT, 5)).getMessage().contains("vocabulary size 5"));
    }
}
