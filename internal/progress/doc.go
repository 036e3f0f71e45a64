// Package progress reports the progress of long work (training epochs,
// evaluation passes, benchmarks) as a single status line.
//
// On a terminal the line is redrawn in place with a carriage return at most
// ten times a second. Anywhere else (CI logs, pipes, files) it prints a plain
// line each time another tenth of the work is done, or a heartbeat every ten
// seconds when that is slower, and a final line from Finish, so logs stay
// short. A line shows the count, the percentage, the rate and the ETA; with
// an unknown total it shows the count, the rate and the elapsed time.
//
// A nil *Bar is valid and silent, so library code can accept a *Bar that the
// caller leaves nil; New returns nil for a nil writer. Add may be called from
// many goroutines at once. Writes are best effort: an error writing the
// status line never stops the work it reports on.
package progress
