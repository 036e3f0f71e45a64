// Package allowlist applies allow rules, made from confirmed false
// positives, to the verdicts of a running detector.
//
// An analyst marks an alert a false positive; the API stores an allow rule
// for that command's pattern (PatternFor: an anchored, escaped regular
// expression of the command with its white space generalised) and adds it
// to the live List. Every later verdict that is not Benign is checked
// against the list, on its raw command and its deobfuscated form; a match
// turns it Benign with reason "allow_rule" and the rule in its evidence, and
// counts a hit. Hits are kept in memory and written to the store in batches
// (FlushHits), so the store is not on the scan path. Reload re-reads the
// rules, so several instances sharing a database converge.
package allowlist
