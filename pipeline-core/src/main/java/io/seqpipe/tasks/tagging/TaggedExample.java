package io.seqpipe.tasks.tagging;

import io.seqpipe.tasks.CharacterIds;
import java.io.Serializable;

/**
 * One encoded sentence for a per-token tagger, unpadded: minibatches pad to their own longest sentence.
 *
 * @param row      a stable row number, used to shuffle reproducibly
 * @param features per-token feature ids, {@code [channel][token]}: channel 0 the word, then the configured extra
 *                 features (casing, prefixes, suffixes) in {@link TokenFeatures} order
 * @param tags     per-token tag indices; -1 where the tag is unknown (unlabelled text, or a tag the model was not
 *                 trained on), which keeps that token out of the loss
 * @param chars    per-token character ids {@code [token][character]} ({@link CharacterIds}), or null without a
 *                 character encoder
 */
public record TaggedExample(long row, int[][] features, int[] tags, int[][] chars) implements Serializable {
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
        if (chars != null && chars.length != tags.length) {
            throw new IllegalArgumentException("character ids need one array per token: " + chars.length + " for "
                    + tags.length + " tags");
        }
    }

    /** An example without character ids. */
    public TaggedExample(long row, int[][] features, int[] tags) {
        this(row, features, tags, null);
    }

    public int length() {
        return tags.length;
    }
}
