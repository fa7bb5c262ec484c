package io.seqpipe.lm;

import io.seqpipe.testing.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shared Tiny Shakespeare file, cut as its README states nanoGPT's split. */
@Tag("real-data")
class TinyShakespeareRealDataTest {

    @Test
    void nanoGptSplitOfTheRealFile() throws IOException {
        String text = Files.readString(Fixtures.sharedDataset("tinyshakespeare").resolve("input.txt"),
                StandardCharsets.UTF_8);
        UnitTokenizer chars = new UnitTokenizer(LmUnit.CHAR, null, "<doc>");
        List<String> stream = chars.stream(List.of(text));
        assertEquals(1_115_394, stream.size(), "one document: its characters, no boundary");

        LmSplit.Ranges ranges = LmSplit.nanoGpt().ranges(stream.size());
        assertEquals(1_003_854, ranges.train().length());
        assertEquals(111_540, ranges.validation().length());
        assertEquals(0, ranges.test().length());

        UnitCounts trainCounts = new UnitCounts().addAll(stream.subList(0, (int) ranges.train().end()));
        LmVocabulary vocabulary = LmVocabulary.build(trainCounts, "<doc>", 1, 30000);
        assertEquals(65 + 3, vocabulary.size(), "65 distinct characters, <pad>, <unk> and the boundary");
        assertEquals(" ", vocabulary.unit(3), "the most frequent character");
        assertEquals(vocabulary.vocabulary().toLines(), LmVocabulary.fromLines(vocabulary.toLines()).vocabulary().toLines(),
                "the line break survives the file");

        int[] validation = vocabulary.encode(stream.subList((int) ranges.validation().start(), stream.size()));
        Segments segments = new Segments(validation.length, 50);
        long counted = 0;
        for (CutSequence s : segments.cut(validation)) {
            counted += s.countedSteps();
        }
        assertEquals(111_539, counted, "every validation character but the first is predicted once");
    }
}
