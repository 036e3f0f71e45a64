// Package metrics scores classifiers: accuracy, per-class precision, recall
// and F1, macro-F1, confusion matrices, one-vs-rest ROC-AUC and average
// precision (PR-AUC) with correct handling of tied scores, expected
// calibration error, top-k accuracy, and seeded percentile-bootstrap
// confidence intervals for any metric, including a paired bootstrap for the
// gap between two models scored on the same rows.
//
// Labels are class indices 0..k-1; scores and probabilities are one row per
// example. Metrics that are undefined for the input (AUC with one class
// present, precision of a class never predicted) return NaN or 0 as each
// function documents, never panic.
package metrics
