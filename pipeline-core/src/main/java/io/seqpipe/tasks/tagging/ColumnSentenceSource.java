package io.seqpipe.tasks.tagging;

import io.seqpipe.data.DelimitedLineParser;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.tagging.ColumnFormat;
import io.seqpipe.tagging.NumberedLine;
import io.seqpipe.tagging.SentenceBlock;
import io.seqpipe.tagging.SentenceBlockParser;
import io.seqpipe.tagging.SentenceOutcome;
import io.seqpipe.tagging.SplitSentences;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads tagged column files (CoNLL-2003, CoNLL-U, token/tag columns; see {@link ColumnFormat}) from any Hadoop
 * filesystem into {@link SentenceOutcome}s: sentences, or the rejections of sentences with a malformed line, with
 * 1-based line numbers per file. The path is a file, a directory (its visible files) or a glob
 * ({@link HadoopFiles#inputFiles}); files are UTF-8 (invalid bytes reject their sentence), split into lines on
 * {@code \n}.
 *
 * <p><b>Approach.</b> Files are read as Hadoop input splits ({@code TextInputFormat}, so large files are read in
 * parallel), and a sentence may cross a split boundary. The pure {@link SplitSentences} does the bookkeeping:
 * <ol>
 *   <li>a first pass over the splits counts each one's lines and notes where its open sentence starts
 *       ({@link SplitSentences#scan}); only these few numbers per split come to the driver, which computes each
 *       split's first line number and the sentence open at its start ({@link SplitSentences#plan});</li>
 *   <li>a second pass groups each split's lines into sentence blocks: the ones wholly inside the split are parsed
 *       where they are; the at most two per split that cross a boundary are keyed by (file, sentence start line),
 *       brought together with {@code groupByKey} and {@link SplitSentences#join joined} before parsing.</li>
 * </ol>
 * The input is read three times (the scan, then the second pass feeds both the local sentences and the fragments);
 * only boundary fragments are shuffled. The output is <em>not</em> in file order (joined sentences come last); sort
 * by source and line if order matters.
 */
public final class ColumnSentenceSource {
    private ColumnSentenceSource() {
    }

    /** A read input: the sentence outcomes and the files they came from. */
    public record Input(JavaRDD<SentenceOutcome> sentences, List<Path> files) {
    }

    /** Reads with the context's Hadoop configuration. */
    public static Input read(JavaSparkContext sc, String path, ColumnFormat format, String what) {
        return read(sc, path, format, what, sc.hadoopConfiguration());
    }

    /**
     * @param what    names the input in errors, e.g. {@code "paths.train"}
     * @param hadoop  the Hadoop configuration to list and read with (e.g. with
     *                {@code mapreduce.input.fileinputformat.split.maxsize} set); not modified
     */
    public static Input read(JavaSparkContext sc, String path, ColumnFormat format, String what,
                             Configuration hadoop) {
        List<Path> files = HadoopFiles.inputFiles(path, hadoop, what);
        Configuration readConf = new Configuration(hadoop);
        // lines end at \n only (a \r before it is stripped later), so line numbers match the pure one-pass reader
        readConf.set("textinputformat.record.delimiter", "\n");
        String joined = String.join(",", files.stream().map(Path::toString).toList());
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> raw = (JavaNewHadoopRDD<LongWritable, Text>) sc.newAPIHadoopFile(joined,
                TextInputFormat.class, LongWritable.class, Text.class, readConf);

        List<SplitSentences.Scan> scans = raw.mapPartitionsWithInputSplit((split, it) -> {
            Iterator<String> texts = new MappedIterator<>(it, kv -> decode(kv._2()).text());
            return List.of(SplitSentences.scan(splitId(split), texts, format)).iterator();
        }, true).collect();
        Map<SplitSentences.SplitId, SplitSentences.Context> plan = SplitSentences.plan(scans);

        JavaRDD<SplitSentences.Piece> pieces = raw.mapPartitionsWithInputSplit((split, it) -> {
            SplitSentences.SplitId id = splitId(split);
            SplitSentences.Context context = plan.get(id);
            long[] index = {0};
            Iterator<NumberedLine> lines = new MappedIterator<>(it,
                    kv -> decode(kv._2()).numbered(context.lineNumber(index[0]++)));
            return SplitSentences.pieces(id.file(), context, lines, format);
        }, true);

        SentenceBlockParser parser = new SentenceBlockParser(format);
        JavaRDD<SentenceOutcome> local = pieces.filter(SplitSentences.Piece::complete)
                .map(p -> parser.parse(p.block()));
        JavaRDD<SentenceOutcome> crossing = pieces.filter(p -> !p.complete())
                .mapToPair(p -> new Tuple2<>(new Tuple2<>(p.block().source(), p.sentenceStart()), p.block()))
                .groupByKey(Math.max(1, raw.getNumPartitions()))
                .map(fragments -> parser.parse(SplitSentences.join(fragments._2())));
        return new Input(local.union(crossing), new ArrayList<>(files));
    }

    private static SplitSentences.SplitId splitId(InputSplit split) {
        FileSplit fs = (FileSplit) split;
        return new SplitSentences.SplitId(fs.getPath().toString(), fs.getStart());
    }

    /** A line's text without line end or byte-order mark, and whether its bytes were valid UTF-8. */
    private record Decoded(String text, boolean undecodable) {
        NumberedLine numbered(long number) {
            return new NumberedLine(number, text, undecodable);
        }
    }

    private static Decoded decode(Text line) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.getBytes(), 0, line.getLength())).toString();
            return new Decoded(DelimitedLineParser.stripLineEnd(s), false);
        } catch (CharacterCodingException e) {
            String lossy = new String(line.getBytes(), 0, line.getLength(), StandardCharsets.UTF_8);
            return new Decoded(DelimitedLineParser.stripLineEnd(lossy), true);
        }
    }

    /** A lazy map over an iterator (Hadoop reuses its Text objects, so each is decoded as it comes). */
    private static final class MappedIterator<A, B> implements Iterator<B> {
        private final Iterator<A> source;
        private final Function<A, B> f;

        MappedIterator(Iterator<A> source, Function<A, B> f) {
            this.source = source;
            this.f = f;
        }

        @Override
        public boolean hasNext() {
            return source.hasNext();
        }

        @Override
        public B next() {
            return f.apply(source.next());
        }
    }
}
