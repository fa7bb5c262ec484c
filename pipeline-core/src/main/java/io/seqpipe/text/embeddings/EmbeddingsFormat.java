package io.seqpipe.text.embeddings;

import java.util.Locale;

/**
 * The file formats of pretrained word vectors ({@code model.embeddings.format}).
 * <ul>
 *   <li>{@link #WORD2VEC_TEXT}: a header line {@code <count> <dim>}, then one line per word:
 *       {@code word v1 ... vdim}, separated by spaces (what {@code seqpipe embed} writes);</li>
 *   <li>{@link #WORD2VEC_BINARY}: the same header line, then per word its UTF-8 bytes, a space, {@code dim}
 *       little-endian 32-bit floats and an optional newline (word2vec's {@code -binary 1});</li>
 *   <li>{@link #GLOVE}: GloVe's text, word2vec text without the header; the dimension is that of the first line;</li>
 *   <li>{@link #AUTO}: a first line of two whole numbers is a word2vec header (then the first record decides text or
 *       binary: binary unless it reads as {@code word} and {@code dim} numbers on one line), anything else GloVe.</li>
 * </ul>
 */
public enum EmbeddingsFormat {
    AUTO, WORD2VEC_TEXT, WORD2VEC_BINARY, GLOVE;

    /** The name as configured: {@code word2vec-text}, ... */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
