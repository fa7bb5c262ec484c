package io.seqpipe.lm;

import io.seqpipe.text.WordTokenizer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns documents into language-model units: {@link LmUnit#CHAR} gives one unit per Unicode code point (so a
 * character outside the Basic Multilingual Plane, a surrogate pair in Java, is one unit, as Python counts it);
 * {@link LmUnit#WORD} gives the words of the {@link WordTokenizer}. A corpus becomes one stream with the boundary
 * symbol between consecutive documents ({@link #stream}): never before the first or after the last, so a corpus of
 * one document is exactly its own units. Pure and serializable.
 */
public final class UnitTokenizer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LmUnit unit;
    private final WordTokenizer words;
    private final String boundary;

    /**
     * @param words    the word tokenizer ({@link LmUnit#WORD}; ignored, and may be null, for {@link LmUnit#CHAR})
     * @param boundary the document boundary symbol, e.g. {@code <doc>}
     */
    public UnitTokenizer(LmUnit unit, WordTokenizer words, String boundary) {
        if (unit == null) {
            throw new IllegalArgumentException("unit must be set");
        }
        if (unit == LmUnit.WORD && words == null) {
            throw new IllegalArgumentException("word units need a word tokenizer");
        }
        LmDataConfig.requireBoundary(boundary);
        this.unit = unit;
        this.words = words;
        this.boundary = boundary;
    }

    public LmUnit unit() {
        return unit;
    }

    public String boundary() {
        return boundary;
    }

    /** The units of one document, without any boundary. */
    public List<String> units(String document) {
        if (unit == LmUnit.WORD) {
            return words.tokenize(document);
        }
        List<String> units = new ArrayList<>(document.length());
        document.codePoints().forEach(cp -> units.add(new String(Character.toChars(cp))));
        return units;
    }

    /**
     * The units of a document as it stands in the stream: preceded by the boundary unless it is the corpus's first
     * document. A partition of documents in reading order can be tokenized document by document with this and
     * concatenated, giving the same stream as {@link #stream}.
     */
    public List<String> streamUnits(String document, boolean first) {
        List<String> own = units(document);
        if (first) {
            return own;
        }
        List<String> out = new ArrayList<>(own.size() + 1);
        out.add(boundary);
        out.addAll(own);
        return out;
    }

    /** The corpus as one stream: the documents' units in order, with the boundary between consecutive documents. */
    public List<String> stream(List<String> documents) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            out.addAll(streamUnits(documents.get(i), i == 0));
        }
        return out;
    }
}
