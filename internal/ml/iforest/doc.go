// Package iforest is an isolation forest (Liu, Ting & Zhou, 2008) for
// unsupervised anomaly scoring of dense feature rows: sessions, flows and
// other events without labels.
//
// Each tree isolates points of a small random subsample (ψ = 256 by default)
// with random axis-aligned cuts, up to height ⌈log₂ ψ⌉. Anomalies are
// isolated in fewer cuts, so the score s(x) = 2^(−E[h(x)]/c(ψ)) is close to
// 1 for anomalies and well below 0.5 for normal points, where h is the path
// length (plus c(size) for the unresolved rows at a leaf) and c(n) the
// average path length of an unsuccessful binary-search-tree lookup. The
// contamination rate sets the decision threshold as a quantile of the
// training scores.
package iforest
