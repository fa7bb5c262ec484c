package io.seqpipe.tasks;

import io.seqpipe.SeqPipeException;
import io.seqpipe.config.Secrets;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.text.embeddings.EmbeddingTable;
import io.seqpipe.text.embeddings.EmbeddingsReader;
import io.seqpipe.text.embeddings.EmbeddingsSettings;
import io.seqpipe.text.embeddings.VocabularyPolicy;
import io.seqpipe.text.embeddings.WordMatcher;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code model.embeddings.path} from any Hadoop path (decompressed by extension) on the driver, as one
 * sequential stream that keeps only what it needs ({@link EmbeddingsReader}): the words that enter the vocabulary
 * in {@code prepare}, the vectors of the vocabulary's words in {@code train}. Memory is bounded by the vocabulary
 * ({@code vocabulary.maxSize}), not the file. A binary word2vec file cannot be split into lines, and the union policy
 * needs the file's order, so the driver reads the file rather than Spark. A directory (the output of
 * {@code seqpipe embed}) is read as its {@value #VECTORS}, once committed.
 */
public final class PretrainedEmbeddings {
    /** The vector file inside a directory named by {@code model.embeddings.path} (what {@code seqpipe embed} writes). */
    public static final String VECTORS = "vectors.txt";
    private static final Logger LOG = LoggerFactory.getLogger(PretrainedEmbeddings.class);

    /**
     * The vectors loaded for a vocabulary.
     *
     * @param provenance what the model's provenance records: path, format, dimension, words found and missing
     */
    public record Loaded(EmbeddingTable table, Map<String, Object> provenance) {

        /**
         * Sets the weights ({@code [vocabulary, dimension]}) of the embedding layer {@code layer} of a freshly
         * initialized network to the table: what a task's {@link TrainingRecipe#initialize} does.
         */
        public void assignTo(ComputationGraph network, String layer) {
            INDArray weights = network.getLayer(layer).getParam(DefaultParamInitializer.WEIGHT_KEY);
            if (weights.rows() != table.size() || weights.columns() != table.dimension()) {
                throw new IllegalStateException("the word embedding is " + weights.rows() + " x " + weights.columns()
                        + ", the pretrained table " + table.size() + " x " + table.dimension());
            }
            weights.assign(Nd4j.create(table.weights(), new long[]{table.size(), table.dimension()}, 'c')
                    .castTo(weights.dataType()));
        }

        /** What the provenance's {@code training} records of the vectors ({@link TrainingRecipe#trainingExtras}). */
        public Map<String, Object> trainingExtras() {
            return Map.of("embeddings", provenance);
        }
    }

    private PretrainedEmbeddings() {
    }

    /**
     * The word vocabulary by {@code model.embeddings.vocabulary} ({@code training} itself when no file is set);
     * fails before anything is written when the file's dimension is not {@code embedding} (named by
     * {@code embeddingKey}).
     */
    public static Vocabulary vocabulary(EmbeddingsSettings settings, Vocabulary training, int maxSize,
                                        WordMatcher matcher, String embeddingKey, int embedding, Configuration hadoop) {
        if (!settings.enabled()) {
            return training;
        }
        VocabularyPolicy.Builder builder = settings.vocabulary().builder(training, maxSize, matcher);
        EmbeddingsReader.Summary read = read(settings, hadoop, (word, vector) -> builder.accept(word));
        settings.requireDimension(read.dimension(), embeddingKey, embedding);
        Vocabulary built = builder.build();
        LOG.info("model.embeddings.vocabulary = {}: {} training words, {} of them in {} ({} format, dimension {}); "
                        + "vocabulary {}", settings.vocabulary().name().toLowerCase(java.util.Locale.ROOT),
                training.size() - 2, builder.trainingWordsInFile(), Secrets.maskUris(settings.path()),
                read.format().configName(),
                read.dimension(), built.size());
        return built;
    }

    /**
     * The vectors of {@code vocabulary}'s words when {@code model.embeddings.path} is set, else null; read before any
     * training, so a file of the wrong dimension fails first.
     */
    public static Loaded loadIfEnabled(EmbeddingsSettings settings, Vocabulary vocabulary, WordMatcher matcher,
                                       String embeddingKey, int embedding, long seed, Configuration hadoop) {
        return settings.enabled() ? load(settings, vocabulary, matcher, embeddingKey, embedding, seed, hadoop) : null;
    }

    /** The vectors of {@code vocabulary}'s words; entries the file lacks follow {@code model.embeddings.missing}. */
    public static Loaded load(EmbeddingsSettings settings, Vocabulary vocabulary, WordMatcher matcher,
                              String embeddingKey, int embedding, long seed, Configuration hadoop) {
        EmbeddingTable.Builder[] builder = new EmbeddingTable.Builder[1];
        EmbeddingsReader.Summary read = read(settings, hadoop, (word, vector) -> {
            if (builder[0] == null) {
                settings.requireDimension(vector.length, embeddingKey, embedding);
                builder[0] = new EmbeddingTable.Builder(vocabulary, vector.length, matcher);
            }
            return builder[0].accept(word, vector);
        });
        settings.requireDimension(read.dimension(), embeddingKey, embedding);
        EmbeddingTable table = (builder[0] == null ? new EmbeddingTable.Builder(vocabulary, read.dimension(), matcher)
                : builder[0]).build(settings.missing(), seed);
        if (table.found() == 0) {
            LOG.warn("none of the {} vocabulary words is in {}: is model.embeddings.lowercase right?",
                    vocabulary.size() - 2, Secrets.maskUris(settings.path()));
        }
        LOG.info("loaded {} of {} word vectors from {} ({}, dimension {}); {} missing ({}), e.g. {}", table.found(),
                vocabulary.size() - 2, Secrets.maskUris(settings.path()), read.format().configName(),
                read.dimension(),
                table.missing(), settings.missing().name().toLowerCase(java.util.Locale.ROOT), table.examples());
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("path", Secrets.maskUris(file(settings.path(), hadoop).toString()));
        provenance.put("format", read.format().configName());
        provenance.put("dimension", read.dimension());
        provenance.put("lowercase", settings.lowercase());
        provenance.put("vocabulary", settings.vocabulary().name().toLowerCase(java.util.Locale.ROOT));
        provenance.put("missingPolicy", settings.missing().name().toLowerCase(java.util.Locale.ROOT));
        provenance.put("trainable", settings.trainable());
        provenance.put("wordsFound", table.found());
        provenance.put("wordsMissing", table.missing());
        return new Loaded(table, provenance);
    }

    /** The vector file a path names: the path itself, or in a directory (an embed output) its vectors.txt. */
    static Path file(String path, Configuration hadoop) {
        Path p = HadoopFiles.qualify(path, hadoop);
        try {
            if (HadoopFiles.fs(p, hadoop).getFileStatus(p).isDirectory()) {
                AtomicOutput.requireComplete(path, hadoop, "model.embeddings.path");
                return new Path(p, VECTORS);
            }
        } catch (FileNotFoundException e) {
            throw new SeqPipeException("model.embeddings.path " + p + " does not exist", e);
        } catch (IOException e) {
            throw new SeqPipeException("cannot read model.embeddings.path " + p + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static EmbeddingsReader.Summary read(EmbeddingsSettings settings, Configuration hadoop,
                                                 EmbeddingsReader.Sink sink) {
        Path file = file(settings.path(), hadoop);
        try (InputStream in = HadoopFiles.openDecompressed(file, hadoop)) {
            return EmbeddingsReader.read(in, file.toString(), settings.format(), sink);
        } catch (FileNotFoundException e) {
            throw new SeqPipeException("model.embeddings.path " + settings.path() + " does not exist", e);
        } catch (IOException e) {
            throw new SeqPipeException("cannot read model.embeddings.path " + settings.path() + ": " + e.getMessage(),
                    e);
        }
    }
}
