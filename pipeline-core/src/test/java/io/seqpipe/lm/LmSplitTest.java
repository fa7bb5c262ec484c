package io.seqpipe.lm;

import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.data.SeededSplit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LmSplitTest {

    @Test
    void tinyShakespeareNanoGptSplit() {
        // nanoGPT's data/shakespeare_char/prepare.py: n = len(data); train = data[:int(n*0.9)]; val = data[int(n*0.9):]
        LmSplit.Ranges r = LmSplit.nanoGpt().ranges(1_115_394);
        assertEquals(new UnitRange(0, 1_003_854), r.train());
        assertEquals(new UnitRange(1_003_854, 1_115_394), r.validation());
        assertEquals(111_540, r.validation().length());
        assertEquals(new UnitRange(1_115_394, 1_115_394), r.test());
        assertEquals(LmSplit.TRAIN, r.splitOf(1_003_853));
        assertEquals(LmSplit.VALIDATION, r.splitOf(1_003_854));
        assertEquals(LmSplit.VALIDATION, r.splitOf(1_115_393));
        assertThrows(IllegalArgumentException.class, () -> r.splitOf(1_115_394));
    }

    @Test
    void aTestFractionIsCutFromTheEnd() {
        LmSplit split = new LmSplit(LmSplit.By.OFFSET, 0.8, 0.1, 1);
        LmSplit.Ranges r = split.ranges(1005);
        // floor(1005 * 0.8) = 804; 1005 - floor(100.5) = 905
        assertEquals(new UnitRange(0, 804), r.train());
        assertEquals(new UnitRange(804, 905), r.validation());
        assertEquals(new UnitRange(905, 1005), r.test());
        assertEquals(0.1, split.validationFraction(), "exactly 1 - 0.8 - 0.1, not 0.09999999999999998");
        assertEquals(r.test(), r.of(LmSplit.TEST));
    }

    @Test
    void productsAreExactDecimals() {
        assertEquals(28, (long) Math.floor(100 * 0.29), "the binary double product falls just below 29");
        assertEquals(new UnitRange(0, 29), new LmSplit(LmSplit.By.OFFSET, 0.29, 0, 1).ranges(100).train());
    }

    @Test
    void rangesTileEveryStream() {
        LmSplit split = new LmSplit(LmSplit.By.OFFSET, 0.7, 0.15, 1);
        for (long n = 0; n < 200; n++) {
            LmSplit.Ranges r = split.ranges(n);
            assertEquals(0, r.train().start());
            assertEquals(r.train().end(), r.validation().start());
            assertEquals(r.validation().end(), r.test().start());
            assertEquals(n, r.test().end());
        }
        assertEquals(new UnitRange(0, 10), new LmSplit(LmSplit.By.OFFSET, 1, 0, 1).ranges(10).train());
    }

    @Test
    void documentsAreDealtBySeededSplitInReadingOrder() {
        LmSplit split = new LmSplit(LmSplit.By.DOCUMENT, 0.6, 0.2, 7);
        SeededSplit dealer = split.documentSplit();
        List<String> identities = new ArrayList<>();
        for (int line = 1; line <= 50; line++) {
            identities.add(SeededSplit.identity("corpus/train.en", line));
        }
        List<String> ranked = new ArrayList<>(identities);
        ranked.sort(Comparator.comparing(dealer::sortKey));
        Map<String, Integer> sizes = new HashMap<>();
        Map<String, String> assigned = new HashMap<>();
        for (int rank = 0; rank < ranked.size(); rank++) {
            String s = dealer.assign(rank, ranked.size());
            assigned.put(ranked.get(rank), s);
            sizes.merge(s, 1, Integer::sum);
        }
        assertEquals(Map.of(LmSplit.TRAIN, 30, LmSplit.VALIDATION, 10, LmSplit.TEST, 10), sizes);
        assertEquals(Map.of(LmSplit.TRAIN, 30L, LmSplit.VALIDATION, 10L, LmSplit.TEST, 10L), dealer.sizes(50));
        // the same seed deals the same documents; another seed others
        assertEquals(dealer.sortKey(identities.get(3)), split.documentSplit().sortKey(identities.get(3)));
        SeededSplit other = new LmSplit(LmSplit.By.DOCUMENT, 0.6, 0.2, 8).documentSplit();
        List<String> reranked = new ArrayList<>(identities);
        reranked.sort(Comparator.comparing(other::sortKey));
        assertEquals(false, reranked.equals(ranked));
    }

    @Test
    void badFractionsNameTheKey() {
        assertEquals("split.trainFraction must be in (0, 1], got 0.0", assertThrows(InvalidConfigException.class,
                () -> new LmSplit(LmSplit.By.OFFSET, 0, 0, 1)).getMessage());
        assertEquals("split.testFraction must be in [0, 1), got 1.0", assertThrows(InvalidConfigException.class,
                () -> new LmSplit(LmSplit.By.OFFSET, 0.5, 1, 1)).getMessage());
        assertEquals("split.trainFraction + split.testFraction must be <= 1, got 1.1", assertThrows(
                InvalidConfigException.class, () -> new LmSplit(LmSplit.By.OFFSET, 0.9, 0.2, 1)).getMessage());
        new LmSplit(LmSplit.By.OFFSET, 0.9, 0.1, 1); // exactly 1 (the doubles sum to 1.0): no validation split
        new LmSplit(LmSplit.By.OFFSET, 0.7, 0.3, 1); // 0.7 + 0.3 is 1.0 in decimal, not more
    }
}
