package io.seqpipe.tasks.tagging;

import java.io.Serializable;

/**
 * One encoded sentence for a per-token tagger, unpadded: minibatches pad to their own longest sentence.
 *
 * @param row      a stable row number, used to shuffle reproducibly
 * @param features per-token feature ids, {@code [channel][token]}: channel 0 the word, then the configured extra
 *                 features (casing, prefixes, suffixes) in {@link TokenFeatures} order
 * @param tags     per-token tag indices; -1 where the tag is unknown (unlabelled text, or a tag the model was not
 *                 trained on), which keeps that token out of the loss
 */
public record TaggedExample(long row, int[][] features, int[] tags) implements Serializable {
    public TaggedExample {
        if (features.length == 0) {
            throw new IllegalArgumentException("a tagged example needs at least the word channel");
        }
        for (int[] channel : features) {
            if (channel.length != tags.length) {
                throw new IllegalArgumentException("every feature channel needs one id per token: " + channel.length
                        + " ids for " + tags.length + " tags");
            }
        }
    }

    public int length() {
        return tags.length;
    }
}
