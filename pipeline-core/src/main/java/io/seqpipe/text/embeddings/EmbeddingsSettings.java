package io.seqpipe.text.embeddings;

import io.seqpipe.config.ConfigReader;

import java.io.Serializable;

/**
 * Pretrained word vectors for a model's word embedding ({@code model.embeddings.*}).
 *
 * @param path       the vector file (any Hadoop path), or null for none (the other settings then do nothing)
 * @param format     its format, or {@link EmbeddingsFormat#AUTO}
 * @param lowercase  match the vocabulary's word forms against lower-cased file words ({@link WordMatcher})
 * @param vocabulary how the word vocabulary is built from the training words and the file's
 * @param missing    what entries the file lacks start as
 * @param trainable  fine-tune the loaded vectors (true) or keep them frozen (false)
 */
public record EmbeddingsSettings(String path, EmbeddingsFormat format, boolean lowercase, VocabularyPolicy vocabulary,
                                 EmbeddingTable.MissingWords missing, boolean trainable) implements Serializable {
    public static final String PREFIX = "model.embeddings";

    /** Reads {@code model.embeddings.*}. */
    public static EmbeddingsSettings from(ConfigReader r) {
        return new EmbeddingsSettings(r.optionalString(PREFIX + ".path"),
                r.enumValue(PREFIX + ".format", EmbeddingsFormat.class), r.bool(PREFIX + ".lowercase"),
                r.enumValue(PREFIX + ".vocabulary", VocabularyPolicy.class),
                r.enumValue(PREFIX + ".missing", EmbeddingTable.MissingWords.class), r.bool(PREFIX + ".trainable"));
    }

    /** Whether a file is configured. */
    public boolean enabled() {
        return path != null;
    }

    /**
     * Fails unless the file's dimension is the model's word embedding width.
     *
     * @param embeddingKey the key of that width, e.g. {@code model.embedding}
     */
    public void requireDimension(int dimension, String embeddingKey, int embedding) {
        if (dimension != embedding) {
            throw new io.seqpipe.config.InvalidConfigException(embeddingKey + " must equal the dimension of the "
                    + "vectors in model.embeddings.path (" + path + "): " + dimension + ", got " + embedding);
        }
    }
}
