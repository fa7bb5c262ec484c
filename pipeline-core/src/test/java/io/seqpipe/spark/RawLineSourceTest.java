package io.seqpipe.spark;

import org.junit.jupiter.api.Test;
import scala.Tuple2;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The line numbering of {@link RawLineSource#parseNumbered} from per-split line counts (pure, no Spark). */
class RawLineSourceTest {

    @Test
    void eachSplitStartsAfterTheLinesOfTheEarlierSplitsOfItsFile() {
        // splits of a.tsv in any order (3, 0 and 5 lines), and one split of b.tsv
        Map<String, Long> first = RawLineSource.firstLineNumbers(List.of(
                split("file:/d/a.tsv", 2048, 5), split("file:/d/b.tsv", 0, 4),
                split("file:/d/a.tsv", 0, 3), split("file:/d/a.tsv", 1024, 0)));
        assertEquals(Map.of("file:/d/a.tsv@0", 1L, "file:/d/a.tsv@1024", 4L, "file:/d/a.tsv@2048", 4L,
                "file:/d/b.tsv@0", 1L), first);
    }

    private static Tuple2<String, Tuple2<Long, Long>> split(String file, long start, long lines) {
        return new Tuple2<>(file + "@" + start, new Tuple2<>(start, lines));
    }
}
