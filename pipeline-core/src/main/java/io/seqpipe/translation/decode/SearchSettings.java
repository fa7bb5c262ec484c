package io.seqpipe.translation.decode;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.translation.TranslationVocabularies;

import java.io.Serializable;

/**
 * Decoding settings.
 *
 * @param beamSize      hypotheses kept per sentence and step; 1 is greedy search
 * @param maxLength     the most tokens generated per sentence, {@code </s>} included; a hypothesis still open then is
 *                      returned unfinished
 * @param lengthPenalty α of the length normalization {@code score = log P / length^α} (length in generated tokens,
 *                      {@code </s>} included): 0 ranks by raw log-probability (favouring short outputs), 1 by mean
 *                      log-probability per token
 * @param bos           the start token fed first
 * @param eos           the token that ends a hypothesis
 */
public record SearchSettings(int beamSize, int maxLength, double lengthPenalty, int bos, int eos)
        implements Serializable {
    public SearchSettings {
        ConfigReader.check(beamSize >= 1, "decode.beamSize", beamSize, ">= 1");
        ConfigReader.check(maxLength >= 1, "decode.maxLength", maxLength, ">= 1");
        ConfigReader.check(lengthPenalty >= 0 && lengthPenalty <= 5, "decode.lengthPenalty", lengthPenalty,
                "in [0, 5]");
    }

    /** The translation vocabularies' {@code <s>} and {@code </s>}. */
    public static SearchSettings of(int beamSize, int maxLength, double lengthPenalty) {
        return new SearchSettings(beamSize, maxLength, lengthPenalty, TranslationVocabularies.BOS_ID,
                TranslationVocabularies.EOS_ID);
    }

    /** Length-normalized score of a hypothesis of {@code length} generated tokens. */
    public double score(double logProb, int length) {
        return lengthPenalty == 0 ? logProb : logProb / Math.pow(Math.max(1, length), lengthPenalty);
    }
}
