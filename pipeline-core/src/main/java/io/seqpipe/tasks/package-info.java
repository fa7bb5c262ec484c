/**
 * The tasks SeqPipe runs ({@link io.seqpipe.tasks.Tasks}): each is a {@link io.seqpipe.tasks.Task} with four jobs
 * (prepare, train, evaluate, score) over its validated config; one subpackage per task family.
 */
package io.seqpipe.tasks;
