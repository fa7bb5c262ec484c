package io.seqpipe.translation;

import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.text.Vocabulary;

import java.io.Serializable;
import java.util.List;

/**
 * Sentence pair → {@link EncodedPair}, or a rejection with its reason: an empty side ({@link RejectReason#EMPTY_SOURCE},
 * {@link RejectReason#EMPTY_TARGET}: no tokens) or an over-long side ({@link RejectReason#SOURCE_TOO_LONG},
 * {@link RejectReason#TARGET_TOO_LONG}: more tokens than the maximum, {@code <s>}/{@code </s>} not counted). Pairs are
 * filtered, never truncated, so a kept pair's target is always complete. The same encoder (tokenizers, vocabularies,
 * limits) is saved with the model and reused at scoring time. Pure and serializable.
 */
public final class PairEncoder implements Serializable {
    private static final long serialVersionUID = 1L;
    private final TranslationTokenizer sourceTokenizer;
    private final TranslationTokenizer targetTokenizer;
    private final Vocabulary sourceVocabulary;
    private final Vocabulary targetVocabulary;
    private final int maxSourceLength;
    private final int maxTargetLength;

    /** The result of encoding one pair: exactly one of {@code pair} and {@code rejection} is non-null. */
    public record Outcome(EncodedPair pair, Rejection rejection) implements Serializable {
        public boolean isRejected() {
            return rejection != null;
        }
    }

    public PairEncoder(TranslationTokenizer sourceTokenizer, TranslationTokenizer targetTokenizer,
                       Vocabulary sourceVocabulary, Vocabulary targetVocabulary, int maxSourceLength,
                       int maxTargetLength) {
        if (maxSourceLength < 1 || maxTargetLength < 1) {
            throw new IllegalArgumentException("maximum source and target lengths must be >= 1, got "
                    + maxSourceLength + " and " + maxTargetLength);
        }
        this.sourceTokenizer = sourceTokenizer;
        this.targetTokenizer = targetTokenizer;
        this.sourceVocabulary = TranslationVocabularies.check(sourceVocabulary);
        this.targetVocabulary = TranslationVocabularies.check(targetVocabulary);
        this.maxSourceLength = maxSourceLength;
        this.maxTargetLength = maxTargetLength;
    }

    public TranslationTokenizer sourceTokenizer() {
        return sourceTokenizer;
    }

    public TranslationTokenizer targetTokenizer() {
        return targetTokenizer;
    }

    public Vocabulary sourceVocabulary() {
        return sourceVocabulary;
    }

    public Vocabulary targetVocabulary() {
        return targetVocabulary;
    }

    public int maxSourceLength() {
        return maxSourceLength;
    }

    public int maxTargetLength() {
        return maxTargetLength;
    }

    /** Encodes {@code pair}, or says why it is rejected. */
    public Outcome encode(SentencePair pair) {
        List<String> src = sourceTokenizer.tokenize(pair.source());
        List<String> tgt = targetTokenizer.tokenize(pair.target());
        RejectReason reason = null;
        String detail = null;
        if (src.isEmpty()) {
            reason = RejectReason.EMPTY_SOURCE;
            detail = "the source sentence has no tokens";
        } else if (tgt.isEmpty()) {
            reason = RejectReason.EMPTY_TARGET;
            detail = "the target sentence has no tokens";
        } else if (src.size() > maxSourceLength) {
            reason = RejectReason.SOURCE_TOO_LONG;
            detail = src.size() + " source tokens > maxSourceLength " + maxSourceLength;
        } else if (tgt.size() > maxTargetLength) {
            reason = RejectReason.TARGET_TOO_LONG;
            detail = tgt.size() + " target tokens > maxTargetLength " + maxTargetLength;
        }
        if (reason != null) {
            return new Outcome(null, new Rejection(pair.origin(), pair.line(), reason, detail,
                    pair.source() + "\t" + pair.target()));
        }
        int[] target = targetVocabulary.encode(tgt);
        int[] in = new int[target.length + 1];
        int[] out = new int[target.length + 1];
        in[0] = TranslationVocabularies.BOS_ID;
        System.arraycopy(target, 0, in, 1, target.length);
        System.arraycopy(target, 0, out, 0, target.length);
        out[target.length] = TranslationVocabularies.EOS_ID;
        return new Outcome(new EncodedPair(pair.line(), sourceVocabulary.encode(src), in, out), null);
    }

    /** Target ids of a decoded hypothesis → tokens, stopping at {@code </s>} and skipping {@code <s>}/padding. */
    public List<String> targetTokens(int[] ids) {
        java.util.ArrayList<String> tokens = new java.util.ArrayList<>(ids.length);
        for (int id : ids) {
            if (id == TranslationVocabularies.EOS_ID) {
                break;
            }
            if (id != TranslationVocabularies.BOS_ID && id != Vocabulary.PAD_ID) {
                tokens.add(targetVocabulary.token(id));
            }
        }
        return tokens;
    }
}
