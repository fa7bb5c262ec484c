/**
 * The sequence-labelling tasks ({@code task = ner | pos}): prepare (column files → converted tags, word/affix/tag
 * vocabularies, unpadded sequence DataFrame, rejects), train (multi-channel embeddings → recurrent stack → per-token
 * softmax, parameter averaging, validation by entity F1 or token accuracy), evaluate (conlleval entity metrics, token
 * accuracy per tag, top confusions) and score (tags and entity spans as Parquet). Pure parts: {@link
 * io.seqpipe.tasks.tagging.TokenFeatures}, {@link io.seqpipe.tasks.tagging.TaggingBatches}; readers, tag schemes and
 * metrics live in {@code io.seqpipe.tagging}.
 */
package io.seqpipe.tasks.tagging;
