package io.seqpipe.model.chars;

import io.seqpipe.model.lstm.Lstm;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * Configuration of the character-level word encoder; the computation is in {@link CharacterEncoderLayer}.
 *
 * <p>Input: character ids {@code [batch, L, T]} (as floats; {@code L} characters of each of {@code T} words, the
 * word's characters first, then {@code 0} = padding), with the words' features mask {@code [batch, T]}. Output:
 * {@code [batch, nOut, T]}, one vector per word, zero for padded words. Each real word's characters are embedded
 * ({@code nIn} characters, {@link #getCharEmbedding()} wide; padding has no embedding) and then:
 * <ul>
 *   <li>{@link Kind#LSTM}: an LSTM reads the word forwards and another backwards (each over the word's own characters
 *       only); the output is the final state of both, {@code nOut = 2 · hidden};</li>
 *   <li>{@link Kind#CNN}: {@code filters} filters of {@code width} characters slide over the word (zero outside it,
 *       one position per character: {@code (width-1)/2} before, the rest after), {@code tanh}, then the maximum over
 *       the word's characters; {@code nOut = filters}.</li>
 * </ul>
 * Padding characters and padded words change no output and no gradient: only each word's real characters are read.
 */
public class CharacterEncoder extends FeedForwardLayer {
    private static final long serialVersionUID = 1L;

    /** How a word's character embeddings become one vector. */
    public enum Kind { LSTM, CNN }

    private Kind kind = Kind.CNN;
    private int charEmbedding;
    private int hidden;
    private int filters;
    private int width;

    protected CharacterEncoder(Builder b) {
        super(b);
        this.kind = b.kind;
        this.charEmbedding = b.charEmbedding;
        this.hidden = b.hidden;
        this.filters = b.filters;
        this.width = b.width;
        if (charEmbedding < 1 || (kind == Kind.LSTM ? hidden < 1 : filters < 1 || width < 1)) {
            throw new IllegalArgumentException("a character encoder needs charEmbedding, and hidden (lstm) or filters"
                    + " and width (cnn) >= 1, got " + charEmbedding + ", " + hidden + ", " + filters + ", " + width);
        }
        this.nOut = outputWidth(kind, hidden, filters);
    }

    /** For JSON deserialization. */
    protected CharacterEncoder() {
    }

    /** The output width of an encoder: {@code 2 · hidden} (LSTM) or {@code filters} (CNN). */
    public static int outputWidth(Kind kind, int hidden, int filters) {
        return kind == Kind.LSTM ? 2 * hidden : filters;
    }

    /** The LSTM of one direction (its parameters are a block of this layer's; {@link CharacterEncoderParams}). */
    Lstm directionLstm() {
        return new Lstm.Builder().nIn(charEmbedding).nOut(hidden).weightInit(getWeightInitFn())
                .biasInit(getBiasInit()).build();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        CharacterEncoderLayer layer = new CharacterEncoderLayer(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        if (kind == Kind.LSTM) {
            layer.directions(CharacterEncoderParams.direction(conf, layerParamsView, true, trainingListeners,
                    layerIndex, networkDataType), CharacterEncoderParams.direction(conf, layerParamsView, false,
                    trainingListeners, layerIndex, networkDataType));
        }
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return CharacterEncoderParams.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long steps = inputType instanceof InputType.InputTypeRecurrent r ? r.getTimeSeriesLength() : -1;
        return InputType.recurrent(nOut, steps);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(layerName, CharacterEncoder.class, inputType,
                getOutputType(-1, inputType)).standardMemory(initializer().numParams(this), 0)
                .workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = kind;
    }

    public int getCharEmbedding() {
        return charEmbedding;
    }

    public void setCharEmbedding(int charEmbedding) {
        this.charEmbedding = charEmbedding;
    }

    public int getHidden() {
        return hidden;
    }

    public void setHidden(int hidden) {
        this.hidden = hidden;
    }

    public int getFilters() {
        return filters;
    }

    public void setFilters(int filters) {
        this.filters = filters;
    }

    public int getWidth() {
        return width;
    }

    public void setWidth(int width) {
        this.width = width;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharacterEncoder c && super.equals(o) && kind == c.kind
                && charEmbedding == c.charEmbedding && hidden == c.hidden && filters == c.filters && width == c.width;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), kind, charEmbedding, hidden, filters, width);
    }

    /** Builds a {@link CharacterEncoder}: set {@code nIn} (the character vocabulary), the kind and its sizes. */
    @SuppressWarnings("unchecked")
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private Kind kind = Kind.CNN;
        private int charEmbedding;
        private int hidden;
        private int filters;
        private int width;

        public Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        public Builder charEmbedding(int charEmbedding) {
            this.charEmbedding = charEmbedding;
            return this;
        }

        /** LSTM units per direction. */
        public Builder hidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        /** CNN filters. */
        public Builder filters(int filters) {
            this.filters = filters;
            return this;
        }

        /** CNN filter width in characters. */
        public Builder width(int width) {
            this.width = width;
            return this;
        }

        @Override
        public CharacterEncoder build() {
            return new CharacterEncoder(this);
        }
    }
}
