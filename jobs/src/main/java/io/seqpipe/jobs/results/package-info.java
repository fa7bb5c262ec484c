/**
 * The generated tables of {@code docs/RESULTS.md}: {@link io.seqpipe.jobs.results.RunRecord} reads one recorded run
 * ({@code docs/results/NAME/}: {@code metrics.json}, {@code provenance.json}, {@code run.json}, written by
 * {@code scripts/reproduce-results.sh}, and a language model's {@code samples.jsonl}, written by
 * {@code scripts/record-samples.sh}), {@link io.seqpipe.jobs.results.ResultTables} renders a task's table, a run's
 * per-epoch table, a forecast run's per-series table and a language model's samples,
 * {@link io.seqpipe.jobs.results.GeneratedBlocks} rewrites the blocks between {@code <!-- generated ... -->} markers
 * and leaves the rest of the document alone, and {@link io.seqpipe.jobs.results.ResultsTablesTool} is the command
 * ({@code scripts/results-tables.sh}). No Spark.
 */
package io.seqpipe.jobs.results;
