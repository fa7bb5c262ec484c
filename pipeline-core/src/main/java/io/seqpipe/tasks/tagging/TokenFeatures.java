package io.seqpipe.tasks.tagging;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.model.TokenChannel;
import io.seqpipe.tagging.CasingFeature;
import io.seqpipe.text.Vocabulary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a sentence's tokens into the tagger's id channels, the same way at prepare, evaluate and score time:
 * <ol>
 *   <li>{@code word}: the word form (lower-cased and with every digit mapped to {@code 0} when configured) in the word
 *       vocabulary;</li>
 *   <li>{@code casing} (optional): the {@link CasingFeature} class of the original token, so lower-casing loses
 *       nothing a tagger needs;</li>
 *   <li>{@code prefix<n>} / {@code suffix<n>} (optional, one channel per configured length): the first / last
 *       {@code n} characters of the word form (the whole form when shorter), each in its own vocabulary. Affixes
 *       carry morphology to words the word vocabulary has never seen, which matters most when no pretrained
 *       embeddings are used.</li>
 * </ol>
 * Vocabularies are built from the training split only; ids 0 and 1 are padding and unknown in every one.
 */
public final class TokenFeatures implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The configured features ({@code features.*}).
     *
     * @param lowercase       lower-case the word form
     * @param digitsToZero    map every digit of the word form to {@code 0} (dates and numbers share entries)
     * @param casing          add the casing channel
     * @param casingEmbedding the casing channel's embedding size
     * @param prefixLengths   prefix channels, by length
     * @param suffixLengths   suffix channels, by length
     * @param affixEmbedding  each affix channel's embedding size
     * @param affixMinCount   affixes seen fewer times in training become unknown
     * @param affixMaxSize    entries per affix vocabulary, including padding and unknown
     */
    public record Spec(boolean lowercase, boolean digitsToZero, boolean casing, int casingEmbedding,
                       List<Integer> prefixLengths, List<Integer> suffixLengths, int affixEmbedding, int affixMinCount,
                       int affixMaxSize) implements Serializable {
        public Spec {
            prefixLengths = List.copyOf(prefixLengths);
            suffixLengths = List.copyOf(suffixLengths);
            for (int n : prefixLengths) {
                ConfigReader.check(n >= 1 && n <= 10, "features.prefixLengths", prefixLengths, "lengths in [1, 10]");
            }
            for (int n : suffixLengths) {
                ConfigReader.check(n >= 1 && n <= 10, "features.suffixLengths", suffixLengths, "lengths in [1, 10]");
            }
            ConfigReader.check(prefixLengths.stream().distinct().count() == prefixLengths.size(),
                    "features.prefixLengths", prefixLengths, "distinct lengths");
            ConfigReader.check(suffixLengths.stream().distinct().count() == suffixLengths.size(),
                    "features.suffixLengths", suffixLengths, "distinct lengths");
        }

        public static Spec from(ConfigReader r) {
            return new Spec(r.bool("features.lowercase"), r.bool("features.digitsToZero"), r.bool("features.casing"),
                    r.integer("features.casingEmbedding"), lengths(r, "features.prefixLengths"),
                    lengths(r, "features.suffixLengths"), r.integer("features.affixEmbedding"),
                    r.integer("features.affixMinCount"), r.integer("features.affixMaxSize"));
        }

        private static List<Integer> lengths(ConfigReader r, String key) {
            List<Integer> out = new ArrayList<>();
            for (String s : r.stringList(key)) {
                ConfigReader.check(s.matches("\\d{1,2}"), key, r.stringList(key), "a list of small integers");
                out.add(Integer.parseInt(s));
            }
            return out;
        }

        /** The affix channels' names, in channel order (after word and casing). */
        public List<String> affixChannels() {
            List<String> names = new ArrayList<>();
            prefixLengths.forEach(n -> names.add("prefix" + n));
            suffixLengths.forEach(n -> names.add("suffix" + n));
            return names;
        }

        /** The word form the word and affix channels read. */
        public String wordForm(String token) {
            String form = lowercase ? token.toLowerCase(Locale.ROOT) : token;
            if (digitsToZero) {
                StringBuilder b = null;
                for (int i = 0; i < form.length(); i++) {
                    char c = form.charAt(i);
                    if (c >= '0' && c <= '9' && c != '0') {
                        if (b == null) {
                            b = new StringBuilder(form);
                        }
                        b.setCharAt(i, '0');
                    }
                }
                return b == null ? form : b.toString();
            }
            return form;
        }

        /** The affix of channel {@code name} ({@code prefix<n>} / {@code suffix<n>}) of a word form. */
        public static String affix(String name, String form) {
            boolean prefix = name.startsWith("prefix");
            int n = Integer.parseInt(name.substring(6));
            int cps = form.codePointCount(0, form.length());
            if (cps <= n) {
                return form;
            }
            return prefix ? form.substring(0, form.offsetByCodePoints(0, n))
                    : form.substring(form.offsetByCodePoints(0, cps - n));
        }
    }

    private final Spec spec;
    private final Vocabulary words;
    private final Map<String, Vocabulary> affixes;

    /** @param affixes one vocabulary per {@link Spec#affixChannels()} entry */
    public TokenFeatures(Spec spec, Vocabulary words, Map<String, Vocabulary> affixes) {
        if (!affixes.keySet().equals(new java.util.HashSet<>(spec.affixChannels()))) {
            throw new IllegalArgumentException("affix vocabularies " + affixes.keySet() + " do not match the configured"
                    + " channels " + spec.affixChannels());
        }
        this.spec = spec;
        this.words = words;
        this.affixes = new LinkedHashMap<>();
        spec.affixChannels().forEach(name -> this.affixes.put(name, affixes.get(name)));
    }

    /** Restores the features of a saved model: {@code artifact} reads a saved artifact's lines by name. */
    public static TokenFeatures restore(Spec spec, Vocabulary words, Function<String, List<String>> artifact) {
        Map<String, Vocabulary> affixes = new LinkedHashMap<>();
        for (String name : spec.affixChannels()) {
            affixes.put(name, Vocabulary.fromLines(artifact.apply(artifactName(name))));
        }
        return new TokenFeatures(spec, words, affixes);
    }

    /** The artifact file of an affix vocabulary. */
    public static String artifactName(String channel) {
        return channel + ".vocabulary.txt";
    }

    /** The affix vocabularies as model-directory artifacts. */
    public Map<String, List<String>> artifacts() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        affixes.forEach((name, v) -> out.put(artifactName(name), v.toLines()));
        return out;
    }

    public Spec spec() {
        return spec;
    }

    public Vocabulary words() {
        return words;
    }

    /** The id channels, in the order {@link #encode} fills them. */
    public List<TokenChannel> channels(int wordEmbedding) {
        List<TokenChannel> out = new ArrayList<>();
        out.add(new TokenChannel("word", words.size(), wordEmbedding));
        if (spec.casing()) {
            out.add(new TokenChannel("casing", CasingFeature.size(), spec.casingEmbedding()));
        }
        affixes.forEach((name, v) -> out.add(new TokenChannel(name, v.size(), spec.affixEmbedding())));
        return out;
    }

    /** {@code [channel][token]} ids of a sentence. */
    public int[][] encode(List<String> tokens) {
        int channels = 1 + (spec.casing() ? 1 : 0) + affixes.size();
        int[][] ids = new int[channels][tokens.size()];
        for (int t = 0; t < tokens.size(); t++) {
            String token = tokens.get(t);
            String form = spec.wordForm(token);
            int c = 0;
            ids[c++][t] = words.id(form);
            if (spec.casing()) {
                ids[c++][t] = CasingFeature.of(token).id();
            }
            for (Map.Entry<String, Vocabulary> a : affixes.entrySet()) {
                ids[c++][t] = a.getValue().id(Spec.affix(a.getKey(), form));
            }
        }
        return ids;
    }
}
