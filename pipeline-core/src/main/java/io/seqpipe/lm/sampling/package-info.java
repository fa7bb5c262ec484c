/**
 * Choosing the next token when a language model generates text, one step at a time, with no Spark.
 *
 * <p>{@link io.seqpipe.lm.sampling.SamplingSettings} is the validated generation configuration (temperature, top-k,
 * top-p, the most tokens, an optional stop symbol, the seed); {@link io.seqpipe.lm.sampling.NextTokenSampler} turns
 * one step's logits or probabilities into the filtered distribution (temperature, then top-k, then top-p, as
 * HuggingFace applies them) and draws an id from it. Temperature 0 is greedy (argmax, ties to the lowest id).
 *
 * <p>Reproducibility: every draw comes from a generator the caller passes in; the generation loop takes one per
 * prompt from {@link io.seqpipe.lm.sampling.SamplingSettings#randomFor(long)}, so the same seed gives the same text
 * for each prompt wherever and in whatever order prompts are run.
 */
package io.seqpipe.lm.sampling;
