package io.seqpipe.text.embeddings;

import io.seqpipe.text.Vocabulary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the word vocabulary is built when pretrained vectors are loaded ({@code model.embeddings.vocabulary}). The
 * training vocabulary is the one built without vectors ({@code vocabulary.minCount}, {@code vocabulary.maxSize}).
 * <ul>
 *   <li>{@link #UNION}: the training vocabulary, then the file's words (their {@link WordMatcher#key keys}) that it
 *       lacks, in file order, until the vocabulary holds {@code vocabulary.maxSize} entries. Words seen only in the
 *       file keep their pretrained vectors, so a word never seen in training is still known at test time;</li>
 *   <li>{@link #INTERSECTION}: the training vocabulary without the words the file lacks (they become
 *       {@code <unk>});</li>
 *   <li>{@link #TRAINING}: the training vocabulary as it is; words the file lacks follow
 *       {@code model.embeddings.missing}.</li>
 * </ul>
 * Ids keep the training vocabulary's order ({@code <pad>} 0, {@code <unk>} 1, then by training frequency), file-only
 * words after them.
 */
public enum VocabularyPolicy {
    UNION, INTERSECTION, TRAINING;

    /** A builder that takes the file's words one at a time ({@link #accept}) and then {@link Builder#build}s. */
    public Builder builder(Vocabulary training, int maxSize, WordMatcher matcher) {
        return new Builder(this, training, maxSize, matcher);
    }

    /** Builds one vocabulary from the training vocabulary and a stream of file words. */
    public static final class Builder {
        private final VocabularyPolicy policy;
        private final Vocabulary training;
        private final int maxSize;
        private final WordMatcher matcher;
        private final List<String> added = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private final Set<String> trainingInFile = new HashSet<>();

        private Builder(VocabularyPolicy policy, Vocabulary training, int maxSize, WordMatcher matcher) {
            if (maxSize < training.size()) {
                throw new IllegalArgumentException("maxSize " + maxSize + " < training vocabulary " + training.size());
            }
            this.policy = policy;
            this.training = training;
            this.maxSize = maxSize;
            this.matcher = matcher;
        }

        /** Takes the next file word; returns whether more file words are wanted. */
        public boolean accept(String fileWord) {
            String key = matcher.key(fileWord);
            if (key.equals(Vocabulary.PAD) || key.equals(Vocabulary.UNK)) {
                return wantsMore();
            }
            boolean inTraining = training.id(key) != Vocabulary.UNK_ID;
            if (inTraining) {
                trainingInFile.add(key);
            } else if (policy == UNION && seen.add(key)) {
                added.add(key);
            }
            return wantsMore();
        }

        private boolean wantsMore() {
            return switch (policy) {
                case UNION -> training.size() + added.size() < maxSize;
                case INTERSECTION -> trainingInFile.size() < training.size() - 2;
                case TRAINING -> false;
            };
        }

        /** Training words the file has (so far). */
        public int trainingWordsInFile() {
            return trainingInFile.size();
        }

        public Vocabulary build() {
            List<String> real = new ArrayList<>(training.toLines().subList(2, training.size()));
            return switch (policy) {
                case TRAINING -> training;
                case UNION -> {
                    real.addAll(added);
                    yield Vocabulary.of(real);
                }
                case INTERSECTION -> Vocabulary.of(real.stream().filter(trainingInFile::contains).toList());
            };
        }
    }
}
