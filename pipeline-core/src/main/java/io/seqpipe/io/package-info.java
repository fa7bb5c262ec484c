/**
 * Filesystem IO over any Hadoop filesystem: {@link io.seqpipe.io.AtomicOutput} (write to a hidden temporary directory,
 * commit by rename with a {@code _SUCCESS} marker), {@link io.seqpipe.io.FileChecksums} (SHA-256 of files, recorded at
 * commit and verified at read), {@link io.seqpipe.io.HadoopFiles} (listing and reading inputs: which
 * files are read, compressed files, uncommitted job output per {@link io.seqpipe.io.IncompleteInputPolicy}),
 * {@link io.seqpipe.io.PrintSafe} (input text safe to quote in an error) and {@link io.seqpipe.io.Json}.
 */
package io.seqpipe.io;
