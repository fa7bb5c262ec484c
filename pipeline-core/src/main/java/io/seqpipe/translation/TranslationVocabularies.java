package io.seqpipe.translation;

import io.seqpipe.text.Vocabulary;
import io.seqpipe.text.VocabularyBuilder;

import java.util.List;
import java.util.Map;

/**
 * The id layout of translation vocabularies (source and target alike): {@code <pad>} = 0 and {@code <unk>} = 1 as in
 * every SeqPipe {@link Vocabulary}, then {@value #BOS} = 2 (the decoder's start symbol) and {@value #EOS} = 3 (end of
 * sentence), then the real tokens by frequency.
 */
public final class TranslationVocabularies {
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final int BOS_ID = 2;
    public static final int EOS_ID = 3;
    /** The reserved tokens after {@code <pad>} and {@code <unk>}. */
    public static final List<String> SPECIALS = List.of(BOS, EOS);

    private TranslationVocabularies() {
    }

    /** A vocabulary from token counts: tokens seen at least {@code minCount} times, at most {@code maxSize} ids. */
    public static Vocabulary build(Map<String, Long> counts, int minCount, int maxSize) {
        return new VocabularyBuilder(minCount, maxSize).build(counts, SPECIALS);
    }

    /** Checks that {@code v} has the translation layout (e.g. a vocabulary read back from a model directory). */
    public static Vocabulary check(Vocabulary v) {
        if (v.size() < 4 || !BOS.equals(v.token(BOS_ID)) || !EOS.equals(v.token(EOS_ID))) {
            throw new IllegalArgumentException("a translation vocabulary needs " + BOS + " at id " + BOS_ID + " and "
                    + EOS + " at id " + EOS_ID);
        }
        return v;
    }
}
