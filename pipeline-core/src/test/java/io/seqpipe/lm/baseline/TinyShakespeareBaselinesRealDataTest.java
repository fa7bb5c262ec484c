package io.seqpipe.lm.baseline;

import io.seqpipe.testing.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The n-gram baselines on Tiny Shakespeare ({@code ../shared/datasets/tinyshakespeare/input.txt}) with nanoGPT's
 * split: the first 90 % of the characters train, the last 10 % (111,540) validate; the 65 distinct characters are
 * the units. The validation cross-entropies reproduce {@code ANCHORS.md} (uniform 4.174, unigram add-one 3.347,
 * bigram add-one 2.482 nats/char); bigram Kneser–Ney (d = 0.75), which has no anchor, gives 2.484. The first
 * validation character is predicted without context.
 */
@Tag("real-data")
class TinyShakespeareBaselinesRealDataTest {

    @Test
    void validationCrossEntropyMatchesTheAnchors() throws Exception {
        String text = Files.readString(Fixtures.sharedDataset("tinyshakespeare/input.txt"), StandardCharsets.UTF_8);
        int[] alphabet = text.chars().distinct().sorted().toArray();
        assertEquals(1_115_394, text.length());
        assertEquals(65, alphabet.length);
        int[] ids = text.chars().map(ch -> Arrays.binarySearch(alphabet, ch)).toArray();
        int trainEnd = (int) (ids.length * 0.9);
        int[] train = Arrays.copyOfRange(ids, 0, trainEnd);
        int[] validation = Arrays.copyOfRange(ids, trainEnd, ids.length);
        assertEquals(1_003_854, train.length);
        assertEquals(111_540, validation.length);

        // counted in four chunks, each carrying its predecessor, as executors would
        NgramCounts counts = new NgramCounts(65);
        int[] cuts = {0, 250_000, 500_001, 750_002, trainEnd};
        for (int i = 0; i + 1 < cuts.length; i++) {
            counts.merge(new NgramCounts(65).observe(Arrays.copyOfRange(train, cuts[i], cuts[i + 1]),
                    i == 0 ? NgramLanguageModel.NO_CONTEXT : train[cuts[i] - 1]));
        }
        assertEquals(new NgramCounts(65).observe(train), counts);

        Map<NgramBaseline, Double> nats = new EnumMap<>(NgramBaseline.class);
        for (NgramBaseline baseline : NgramBaseline.values()) {
            CrossEntropy ce = baseline.fit(counts).crossEntropy(validation);
            assertEquals(validation.length, ce.tokens());
            nats.put(baseline, ce.natsPerToken());
        }
        assertEquals(4.174, nats.get(NgramBaseline.UNIFORM), 0.0005);
        assertEquals(3.347, nats.get(NgramBaseline.UNIGRAM_ADD_ONE), 0.0005);
        assertEquals(2.482, nats.get(NgramBaseline.BIGRAM_ADD_ONE), 0.0005);
        // no external anchor: pinned to 5 decimals (interpolated KN, d = 0.75)
        assertEquals(2.48386, nats.get(NgramBaseline.BIGRAM_KNESER_NEY), 0.000005);
        System.out.printf("tinyshakespeare val nats/char: uniform %.4f, unigram-add1 %.4f, bigram-add1 %.4f,"
                        + " bigram-kn %.4f%n", nats.get(NgramBaseline.UNIFORM), nats.get(NgramBaseline.UNIGRAM_ADD_ONE),
                nats.get(NgramBaseline.BIGRAM_ADD_ONE), nats.get(NgramBaseline.BIGRAM_KNESER_NEY));
    }
}
