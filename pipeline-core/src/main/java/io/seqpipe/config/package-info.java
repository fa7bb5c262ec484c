/**
 * Configuration: HOCON files layered with {@code --set key=value} overrides ({@link io.seqpipe.config.ConfigLayering}),
 * read through {@link io.seqpipe.config.ConfigReader} into immutable, validated records. Each key is declared once, in
 * a defaults file, by a {@code # @<type> [bound]} line above it; {@link io.seqpipe.config.ConfigKeys} reads these
 * declarations ({@link io.seqpipe.config.KeySpec}), and validation, {@code --help} and {@code --print-config} take
 * bounds and defaults from them. Unknown keys, wrong types, fractions for integer keys and out-of-range values raise
 * {@link io.seqpipe.config.InvalidConfigException} naming the key, before any Spark work; a file or {@code --set}
 * value that is not HOCON raises {@link io.seqpipe.config.ConfigSyntaxException} ({@code <file>:<line>: <reason>}).
 * {@link io.seqpipe.config.Secrets} masks secret keys and passwords inside URIs wherever config values and paths are printed or persisted.
 */
package io.seqpipe.config;
