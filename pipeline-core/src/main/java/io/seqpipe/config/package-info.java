/**
 * Configuration: HOCON files layered with {@code --set key=value} overrides ({@link io.seqpipe.config.ConfigLayering}),
 * read through {@link io.seqpipe.config.ConfigReader} into immutable, validated records. Unknown keys, wrong types and
 * out-of-range values raise {@link io.seqpipe.config.InvalidConfigException} naming the key, before any Spark work.
 */
package io.seqpipe.config;
