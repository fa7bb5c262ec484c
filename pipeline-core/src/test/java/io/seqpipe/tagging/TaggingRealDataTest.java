package io.seqpipe.tagging;

import io.seqpipe.tasks.tagging.ColumnSentenceSource;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.TestSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The readers, the IOB1 conversion and the chunk counts on the real corpora in {@code ../shared/datasets}.
 * Expected numbers were computed independently of this code: sentence and token counts with a Python script that
 * splits on blank and {@code -DOCSTART-} lines (they equal the dataset READMEs and the CoNLL-2003 paper); chunk counts
 * by the same script reading IOB1 (a chunk starts at {@code B-X}, or at {@code I-X} after {@code O} or another type);
 * EWT counts with awk (blocks of non-comment lines; word lines = integer ID); the eng.testb conlleval numbers by the
 * real conlleval.pl (46,435 tokens, 5,648 phrases, all correct, 40,807 correct tags).
 */
@Tag("real-data")
class TaggingRealDataTest {

    static List<SentenceOutcome> read(Path file, ColumnFormat format) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return new SentenceBlockParser(format).parseFile(file.toString(), SentenceBlockGrouper.lines(text));
    }

    static List<TaggedSentence> sentences(List<SentenceOutcome> outcomes) {
        assertEquals(0, outcomes.stream().filter(SentenceOutcome::isRejected).count(), "no rejects in a release");
        return outcomes.stream().map(SentenceOutcome::sentence).toList();
    }

    static Path conll(String split) {
        return Fixtures.sharedDataset("conll2003-en").resolve(split);
    }

    @Test
    void conll2003SentenceTokenAndChunkCounts() throws IOException {
        Map<String, long[]> expected = Map.of("eng.train", new long[]{14_041, 203_621},
                "eng.testa", new long[]{3_250, 51_362}, "eng.testb", new long[]{3_453, 46_435});
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            List<TaggedSentence> s = sentences(read(conll(e.getKey()), ColumnFormat.conll2003()));
            assertEquals(e.getValue()[0], s.size(), e.getKey());
            assertEquals(e.getValue()[1], s.stream().mapToLong(TaggedSentence::length).sum(), e.getKey());
        }
        List<TaggedSentence> train = sentences(read(conll("eng.train"), ColumnFormat.conll2003()));
        TagSchemeConverter toIob2 = new TagSchemeConverter(TagScheme.IOB1, TagScheme.IOB2);
        TagSchemeConverter toIobes = new TagSchemeConverter(TagScheme.IOB1, TagScheme.IOBES);
        TagSchemeConverter iobesToIob2 = new TagSchemeConverter(TagScheme.IOBES, TagScheme.IOB2);
        Map<String, Long> chunks = new TreeMap<>();
        for (TaggedSentence sentence : train) {
            List<String> iob2 = toIob2.convert(sentence.tags()).tags();
            iob2.stream().filter(t -> t.startsWith("B-")).forEach(t -> chunks.merge(t.substring(2), 1L, Long::sum));
            assertEquals(iob2, iobesToIob2.convert(toIobes.convert(sentence.tags()).tags()).tags());
        }
        assertEquals(Map.of("LOC", 7_140L, "MISC", 3_438L, "ORG", 6_321L, "PER", 6_600L), chunks);
    }

    @Test
    void conllevalOfIob1GoldAgainstItsIob2ConversionFindsEveryChunk() throws IOException {
        ChunkCounts counts = new ChunkCounts();
        TagSchemeConverter toIob2 = new TagSchemeConverter(TagScheme.IOB1, TagScheme.IOB2);
        for (TaggedSentence s : sentences(read(conll("eng.testb"), ColumnFormat.conll2003()))) {
            counts.add(s.tags(), toIob2.convert(s.tags()).tags());
        }
        assertEquals(List.of(46_435L, 40_807L, 5_648L, 5_648L, 5_648L), List.of(counts.tokens(),
                counts.correctTokens(), counts.goldChunks(), counts.predictedChunks(), counts.correctChunks()));
        assertEquals(1_617L, counts.goldChunks("PER"));
        assertEquals(1.0, EntityMetrics.of(counts).f1(), 1e-12);
    }

    @Test
    void ewtSentenceAndWordCountsWithUposAndXpos() throws IOException {
        Path ud = Fixtures.sharedDataset("ud-english-ewt");
        Map<String, long[]> expected = Map.of("en_ewt-ud-train.conllu", new long[]{12_544, 204_577},
                "en_ewt-ud-dev.conllu", new long[]{2_001, 25_147}, "en_ewt-ud-test.conllu", new long[]{2_077, 25_094});
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            List<TaggedSentence> s = sentences(read(ud.resolve(e.getKey()), ColumnFormat.conllu("upos")));
            assertEquals(e.getValue()[0], s.size(), e.getKey());
            assertEquals(e.getValue()[1], s.stream().mapToLong(TaggedSentence::length).sum(), e.getKey());
        }
        List<TaggedSentence> train = sentences(read(ud.resolve("en_ewt-ud-train.conllu"), ColumnFormat.conllu("upos")));
        Map<String, Long> upos = new TreeMap<>();
        train.forEach(s -> s.tags().forEach(t -> upos.merge(t, 1L, Long::sum)));
        assertEquals(17, upos.size());
        assertEquals(34_751L, upos.get("NOUN"));
        assertEquals(23_596L, upos.get("PUNCT"));
        assertEquals(12_544, sentences(read(ud.resolve("en_ewt-ud-train.conllu"), ColumnFormat.conllu("xpos"))).size());
    }

    @Test
    void sparkReaderCutIntoSplitsMatchesThePureReaderOnEngTestb() throws IOException {
        SparkSession spark = TestSpark.start("tagging-real-data");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Configuration conf = new Configuration(sc.hadoopConfiguration());
            conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 64 * 1024); // eng.testb is 748 KB: 12 splits
            ColumnSentenceSource.Input input = ColumnSentenceSource.read(sc, conll("eng.testb").toString(),
                    ColumnFormat.conll2003(), "paths.test", conf);
            List<SentenceOutcome> fromSpark = new ArrayList<>(input.sentences().collect());
            fromSpark.sort(Comparator.comparingLong(o -> o.sentence().firstLine()));
            List<SentenceOutcome> pure = new SentenceBlockParser(ColumnFormat.conll2003()).parseFile(
                    input.files().get(0).toString(), SentenceBlockGrouper.lines(
                            Files.readString(conll("eng.testb"), StandardCharsets.UTF_8)));
            assertEquals(3_453, fromSpark.size());
            assertEquals(pure, fromSpark);
        } finally {
            spark.stop();
        }
    }
}
