/**
 * Filesystem IO over any Hadoop filesystem: {@link io.seqpipe.io.AtomicOutput} (write to a hidden temporary directory,
 * commit by rename with a {@code _SUCCESS} marker), {@link io.seqpipe.io.FileChecksums} (SHA-256 of files, recorded at
 * commit and verified at read), {@link io.seqpipe.io.HadoopFiles} and {@link io.seqpipe.io.Json}.
 */
package io.seqpipe.io;
