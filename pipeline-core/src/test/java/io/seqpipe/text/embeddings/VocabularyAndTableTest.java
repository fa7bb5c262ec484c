package io.seqpipe.text.embeddings;

import io.seqpipe.text.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VocabularyAndTableTest {
    /** The training vocabulary: lower-cased forms with digits mapped to 0, as the taggers' features make them. */
    static final Vocabulary TRAINING = Vocabulary.of(List.of("the", "paris", "zorblax", "0000"));
    static final List<String> FILE = List.of("the", "Paris", "cat", "1996", "dog", "paris", "Cat");
    static final WordMatcher LOWER = new WordMatcher(true, true, true);

    static Vocabulary build(VocabularyPolicy policy, int maxSize, WordMatcher matcher) {
        VocabularyPolicy.Builder b = policy.builder(TRAINING, maxSize, matcher);
        for (String w : FILE) {
            if (!b.accept(w)) {
                break;
            }
        }
        return b.build();
    }

    @Test
    void unionAddsTheFilesOtherWordsInFileOrderUpToMaxSize() {
        assertEquals(List.of("<pad>", "<unk>", "the", "paris", "zorblax", "0000", "cat", "dog"),
                build(VocabularyPolicy.UNION, 100, LOWER).toLines());
        assertEquals(List.of("<pad>", "<unk>", "the", "paris", "zorblax", "0000", "cat"),
                build(VocabularyPolicy.UNION, 7, LOWER).toLines());
        // matched exactly, Cat and cat are two words
        assertEquals(List.of("<pad>", "<unk>", "the", "paris", "zorblax", "0000", "Paris", "cat", "1996", "dog", "Cat"),
                build(VocabularyPolicy.UNION, 100, new WordMatcher(false, false, false)).toLines());
    }

    @Test
    void intersectionKeepsTheTrainingWordsTheFileHas() {
        assertEquals(List.of("<pad>", "<unk>", "the", "paris", "0000"),
                build(VocabularyPolicy.INTERSECTION, 100, LOWER).toLines());
        assertEquals(List.of("<pad>", "<unk>", "the", "paris"),
                build(VocabularyPolicy.INTERSECTION, 100, new WordMatcher(false, false, false)).toLines());
    }

    @Test
    void trainingKeepsTheTrainingVocabulary() {
        assertEquals(TRAINING.toLines(), build(VocabularyPolicy.TRAINING, 100, LOWER).toLines());
    }

    static EmbeddingTable table(EmbeddingTable.MissingWords missing, long seed) {
        EmbeddingTable.Builder b = new EmbeddingTable.Builder(TRAINING, 2, LOWER);
        float x = 1;
        for (String w : FILE) {
            b.accept(w, new float[]{x, -x});
            x++;
        }
        return b.build(missing, seed);
    }

    @Test
    void eachWordTakesItsFileVectorTheExactSpellingWinningACollision() {
        EmbeddingTable t = table(EmbeddingTable.MissingWords.ZERO, 1);
        assertEquals(3, t.found());
        assertEquals(1, t.missing());
        assertEquals(List.of("zorblax"), t.examples());
        // <pad>, <unk>, the (1st), paris (the exact "paris", 6th, beats "Paris", 2nd), zorblax (missing), 0000 (1996)
        assertArrayEquals(new float[]{0, 0, 0, 0, 1, -1, 6, -6, 0, 0, 4, -4}, t.weights());
    }

    @Test
    void casedFormsMatchedLowerCasedTakeTheirOwnSpellingFirst() {
        Vocabulary cased = Vocabulary.of(List.of("Paris", "paris", "the"));
        WordMatcher matcher = new WordMatcher(true, false, false);
        EmbeddingTable.Builder b = new EmbeddingTable.Builder(cased, 1, matcher);
        b.accept("PARIS", new float[]{1});
        b.accept("the", new float[]{2});
        b.accept("Paris", new float[]{3});
        EmbeddingTable t = b.build(EmbeddingTable.MissingWords.ZERO, 1);
        assertArrayEquals(new float[]{0, 0, 3, 1, 2}, t.weights(), "Paris: its own spelling; paris: the first");
        VocabularyPolicy.Builder union = VocabularyPolicy.UNION.builder(cased, 100, matcher);
        for (String w : List.of("PARIS", "Oslo", "oslo", "the")) {
            union.accept(w);
        }
        // a cased vocabulary lacks PARIS, a form of its own that tokens in capitals take
        assertEquals(List.of("<pad>", "<unk>", "Paris", "paris", "the", "PARIS", "Oslo", "oslo"),
                union.build().toLines());
        assertEquals(3, union.trainingWordsInFile());
        // exact matching of lower-cased forms: "Paris" in the file serves no form and does not join as "paris"
        VocabularyPolicy.Builder exact = VocabularyPolicy.UNION.builder(Vocabulary.of(List.of("the")), 100,
                new WordMatcher(false, true, false));
        for (String w : List.of("Paris", "the", "oslo")) {
            exact.accept(w);
        }
        assertEquals(List.of("<pad>", "<unk>", "the", "oslo"), exact.build().toLines());
    }

    @Test
    void missingWordsAreRandomAtTheFoundVectorsScaleAndSeeded() {
        EmbeddingTable a = table(EmbeddingTable.MissingWords.RANDOM, 7);
        EmbeddingTable b = table(EmbeddingTable.MissingWords.RANDOM, 7);
        assertArrayEquals(a.weights(), b.weights(), "same seed, same rows");
        assertArrayEquals(new float[]{0, 0}, java.util.Arrays.copyOfRange(a.weights(), 0, 2), "<pad> stays zero");
        // found values: +-1, +-6, +-4: standard deviation sqrt(53/3); the uniform bound is sqrt(3) times it
        double bound = Math.sqrt(3) * Math.sqrt(53 / 3.0);
        for (int i : new int[]{2, 3, 8, 9}) { // <unk> and zorblax
            float v = a.weights()[i];
            assertTrue(v != 0 && Math.abs(v) <= bound, "value " + i + ": " + v);
        }
        assertArrayEquals(new float[]{1, -1}, java.util.Arrays.copyOfRange(a.weights(), 4, 6));
    }
}
