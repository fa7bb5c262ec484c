package io.seqpipe.tasks.tagging;

import io.seqpipe.model.CharEncoderSpec;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.TaggerHead;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.model.TokenChannel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the character encoder costs a tagger's training, without Spark: milliseconds per fitted minibatch (32
 * sentences of 4-25 words of 1-10 characters; a CoNLL-sized word vocabulary, casing and suffix channels, a BiLSTM of
 * 128 per direction) without characters, with the CNN and with the LSTM encoder at the defaults of
 * {@code model.chars.*}; three repetitions each, the word-only tagger again at the end. Prints lines starting
 * {@code CHAR-COST}. Run: {@code mvn -pl pipeline-core test -Dtest=CharEncoderCostBenchmark -Dtest.excludedGroups=}.
 */
@Tag("benchmark")
class CharEncoderCostBenchmark {
    @Test
    void millisecondsPerMinibatch() {
        List<TokenChannel> channels = List.of(new TokenChannel("word", 20000, 100), new TokenChannel("casing", 8, 8),
                new TokenChannel("suffix3", 3000, 32));
        Random r = new Random(1);
        List<TaggedExample> data = new ArrayList<>();
        for (int i = 0; i < 32 * 30; i++) {
            int len = 4 + r.nextInt(22);
            int[][] f = new int[3][len];
            int[] tags = new int[len];
            int[][] chars = new int[len][];
            for (int t = 0; t < len; t++) {
                f[0][t] = 2 + r.nextInt(19000);
                f[1][t] = 1 + r.nextInt(6);
                f[2][t] = 2 + r.nextInt(2900);
                tags[t] = r.nextInt(9);
                chars[t] = new int[1 + r.nextInt(10)];
                for (int l = 0; l < chars[t].length; l++) {
                    chars[t][l] = 2 + r.nextInt(80);
                }
            }
            data.add(new TaggedExample(i, f, tags, chars));
        }
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.LSTM, 1, 128, true, 100, 0.5, ModelSpec.Pooling.MAX);
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.01, 0.0, 5.0, 7);
        for (CharEncoderSpec.Encoder enc : List.of(CharEncoderSpec.Encoder.NONE, CharEncoderSpec.Encoder.CNN, CharEncoderSpec.Encoder.LSTM, CharEncoderSpec.Encoder.NONE)) {
            CharEncoderSpec cs = new CharEncoderSpec(enc, 25, 25, 50, 3, 30, 1, 1000);
            ComputationGraph net = new ComputationGraph(NetworkFactory.tokenTagger(spec, opt, channels,
                    enc == CharEncoderSpec.Encoder.NONE ? null : cs, 100, 9, TaggerHead.softmax()));
            net.init();
            var format = TaggingBatches.format(9, 0.05, enc != CharEncoderSpec.Encoder.NONE);
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < data.size(); i += 32) {
                    List<TaggedExample> b = data.subList(i, i + 32);
                    if (format.multiInput()) {
                        net.fit(format.trainingMultiMinibatch(b, i));
                    } else {
                        net.fit(format.trainingMinibatch(b, i));
                    }
                }
                System.out.printf("CHAR-COST %s rep %d: %.1f ms/minibatch%n", enc, rep, (System.nanoTime() - t0) / 1e6 / 30);
            }
        }
    }
}
