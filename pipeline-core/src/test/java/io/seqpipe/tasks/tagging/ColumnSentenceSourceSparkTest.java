package io.seqpipe.tasks.tagging;

import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.tagging.ColumnFormat;
import io.seqpipe.tagging.SentenceBlockGrouper;
import io.seqpipe.tagging.SentenceBlockParser;
import io.seqpipe.tagging.SentenceOutcome;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.TestSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ColumnSentenceSource} on real local Spark with the fixtures cut into input splits of a few dozen to a few
 * hundred bytes, so sentences cross split boundaries: the result equals the pure one-pass reader's on each file.
 */
@Tag("spark")
class ColumnSentenceSourceSparkTest {
    static SparkSession spark;
    static JavaSparkContext sc;

    static final Comparator<SentenceOutcome> BY_POSITION = Comparator
            .comparing((SentenceOutcome o) -> o.isRejected() ? o.rejections().get(0).source() : o.sentence().source())
            .thenComparingLong(o -> o.isRejected() ? o.rejections().get(0).offset() : o.sentence().firstLine());

    @BeforeAll
    static void start() {
        spark = TestSpark.start("column-sentences");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Configuration splitsOf(long maxBytes) {
        Configuration conf = new Configuration(sc.hadoopConfiguration());
        conf.setLong("mapreduce.input.fileinputformat.split.maxsize", maxBytes);
        return conf;
    }

    /** The pure reader over each whole file, named as Spark names it. */
    static List<SentenceOutcome> onePass(List<Path> files, ColumnFormat format) throws Exception {
        List<SentenceOutcome> out = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(java.nio.file.Path.of(f.toUri()), StandardCharsets.UTF_8);
            out.addAll(new SentenceBlockParser(format).parseFile(f.toString(), SentenceBlockGrouper.lines(text)));
        }
        out.sort(BY_POSITION);
        return out;
    }

    static List<SentenceOutcome> sorted(ColumnSentenceSource.Input input) {
        List<SentenceOutcome> out = new ArrayList<>(input.sentences().collect());
        out.sort(BY_POSITION);
        return out;
    }

    @Test
    void aDirectoryOfConllFilesCutIntoSmallSplitsReadsAsInOnePass() throws Exception {
        String dir = Fixtures.fixture("tagging/conll2003").toString();
        for (long maxBytes : new long[]{40, 100, 333}) {
            ColumnSentenceSource.Input input = ColumnSentenceSource.read(sc, dir, ColumnFormat.conll2003(),
                    "paths.train", splitsOf(maxBytes));
            assertEquals(List.of("edge.txt", "more.txt"), input.files().stream().map(Path::getName).toList());
            // 472 + 764 bytes: local and joined sentences each have one partition per split
            assertTrue(input.sentences().getNumPartitions() / 2 >= (472 + 764) / maxBytes,
                    "split into " + input.sentences().getNumPartitions() / 2 + " at " + maxBytes + " bytes");
            List<SentenceOutcome> expected = onePass(input.files(), ColumnFormat.conll2003());
            List<SentenceOutcome> actual = sorted(input);
            assertEquals(expected, actual, "split.maxsize " + maxBytes);
            assertEquals(10, actual.size()); // edge.txt 6 (one rejected), more.txt 4
            assertEquals(9, actual.stream().filter(o -> !o.isRejected()).count());
            assertEquals(63, actual.stream().filter(o -> !o.isRejected()).mapToInt(o -> o.sentence().length()).sum());
            assertEquals(List.of(17L, 19L), actual.stream().filter(SentenceOutcome::isRejected)
                    .flatMap(o -> o.rejections().stream()).map(Rejection::offset).toList());
        }
    }

    @Test
    void conlluCutIntoSmallSplitsReadsAsInOnePass() throws Exception {
        String file = Fixtures.fixture("tagging/ud/edge.conllu").toString();
        ColumnSentenceSource.Input input = ColumnSentenceSource.read(sc, file, ColumnFormat.conllu("upos"),
                "paths.train", splitsOf(64));
        List<SentenceOutcome> actual = sorted(input);
        assertEquals(onePass(input.files(), ColumnFormat.conllu("upos")), actual);
        assertEquals(List.of(4L, 13L, 35L, 40L), actual.stream().filter(o -> !o.isRejected())
                .map(o -> o.sentence().firstLine()).toList());
        assertEquals(List.of(25L, 29L, 30L, 31L), actual.stream().filter(SentenceOutcome::isRejected)
                .flatMap(o -> o.rejections().stream()).map(Rejection::offset).toList());
    }

    @Test
    void invalidUtf8RejectsItsSentenceWithTheLineNumber() throws Exception {
        java.nio.file.Path file = Files.createTempDirectory("column-sentences").resolve("bad.tsv");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("Peter\tB-PER\n\nM".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFC); // a Latin-1 u-umlaut: not UTF-8
        bytes.writeBytes("ller\tB-PER\nsaid\tO\n\nok\tO\n".getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());
        List<SentenceOutcome> out = sorted(ColumnSentenceSource.read(sc, file.toString(), ColumnFormat.columns(0, 1),
                "paths.train", splitsOf(16)));
        assertEquals(3, out.size());
        Rejection r = out.get(1).rejections().get(0);
        assertEquals(RejectReason.UNDECODABLE_BYTES, r.reason());
        assertEquals(3, r.offset());
        assertEquals("M\uFFFDller\tB-PER", r.line());
        assertEquals(List.of("ok"), out.get(2).sentence().tokens());
        assertEquals(6, out.get(2).sentence().firstLine());
    }
}
