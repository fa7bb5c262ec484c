package io.seqpipe.tasks.tagging;

/** The tagging tasks' package-private records that cross Spark, for Kryo registration. */
public final class TaggingRecords {
    /** A sentence with its gold tags, as evaluated. */
    public static final Class<?> GOLD = TaggerEvaluation.Gold.class;
    /** Mergeable evaluation counts (a task result). */
    public static final Class<?> COUNTS = TaggerEvaluation.Counts.class;
    /** A sentence to score. */
    public static final Class<?> SENTENCE = ScoreTagger.Sentence.class;

    private TaggingRecords() {
    }
}
