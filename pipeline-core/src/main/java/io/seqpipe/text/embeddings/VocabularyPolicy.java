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
 *   <li>{@link #UNION}: the training vocabulary, then the {@link WordMatcher#form forms} of the file's words it lacks,
 *       in file order, until the vocabulary holds {@code vocabulary.maxSize} entries (a file word joins only when it
 *       serves its own form). A word never seen in training is then still known at test time, by its vector;</li>
 *   <li>{@link #INTERSECTION}: the training vocabulary without the words the file has no vector for (they become
 *       {@code <unk>});</li>
 *   <li>{@link #TRAINING}: the training vocabulary as it is; words the file lacks follow
 *       {@code model.embeddings.missing}.</li>
 * </ul>
 * Ids keep the training vocabulary's order ({@code <pad>} 0, {@code <unk>} 1, then by training frequency), file-only
 * words after them.
 */
public enum VocabularyPolicy {
    UNION, INTERSECTION, TRAINING;

    /** A builder that takes the file's words one at a time and then {@link Builder#build}s. */
    public Builder builder(Vocabulary training, int maxSize, WordMatcher matcher) {
        return new Builder(this, training, maxSize, matcher);
    }

    /** Builds one vocabulary from the training vocabulary and a stream of file words. */
    public static final class Builder {
        private final VocabularyPolicy policy;
        private final Vocabulary training;
        private final int maxSize;
        private final WordMatcher matcher;
        /** The keys of the training vocabulary's real forms. */
        private final Set<String> trainingKeys = new HashSet<>();
        private final Set<String> keysInFile = new HashSet<>();
        private final List<String> added = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();

        private Builder(VocabularyPolicy policy, Vocabulary training, int maxSize, WordMatcher matcher) {
            if (maxSize < training.size()) {
                throw new IllegalArgumentException("maxSize " + maxSize + " < training vocabulary " + training.size());
            }
            this.policy = policy;
            this.training = training;
            this.maxSize = maxSize;
            this.matcher = matcher;
            for (int id = Vocabulary.UNK_ID + 1; id < training.size(); id++) {
                trainingKeys.add(matcher.key(training.token(id)));
            }
        }

        /** Takes the next file word; returns whether more file words are wanted. */
        public boolean accept(String fileWord) {
            String key = matcher.key(fileWord);
            if (trainingKeys.contains(key)) {
                keysInFile.add(key);
            }
            if (policy == UNION) {
                String form = matcher.form(fileWord);
                if (matcher.key(form).equals(key) && training.id(form) == Vocabulary.UNK_ID
                        && !form.equals(Vocabulary.PAD) && !form.equals(Vocabulary.UNK) && seen.add(form)) {
                    added.add(form);
                }
            }
            return switch (policy) {
                case UNION -> training.size() + added.size() < maxSize;
                case INTERSECTION -> keysInFile.size() < trainingKeys.size();
                case TRAINING -> false;
            };
        }

        /** The training vocabulary's real forms that a file word serves (so far). */
        public int trainingWordsInFile() {
            int n = 0;
            for (int id = Vocabulary.UNK_ID + 1; id < training.size(); id++) {
                n += keysInFile.contains(matcher.key(training.token(id))) ? 1 : 0;
            }
            return n;
        }

        public Vocabulary build() {
            List<String> real = new ArrayList<>(training.toLines().subList(2, training.size()));
            return switch (policy) {
                case TRAINING -> training;
                case UNION -> {
                    real.addAll(added);
                    yield Vocabulary.of(real);
                }
                case INTERSECTION -> Vocabulary.of(real.stream().filter(f -> keysInFile.contains(matcher.key(f)))
                        .toList());
            };
        }
    }
}
