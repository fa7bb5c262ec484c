package io.seqpipe.lm;

/** What one document of the corpus is ({@code input.documents}). */
public enum DocumentMode {
    /** Each file is one document, its line breaks kept. */
    FILE,
    /** Each non-empty line is one document. */
    LINE
}
