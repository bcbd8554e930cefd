/**
 * Command line: picocli commands that parse arguments, delegate to the other packages and map outcomes to the exit codes of the CLI contract (0 ok, 2 invalid input, 3 failed trials or, for compare, not reproduced, 1 unexpected).
 */
package io.ablate4j.cli;
