// Package plot draws the PNG figures of a model evaluation report: ROC and
// precision–recall curves, reliability (calibration) diagrams, confusion
// matrix heatmaps and bar charts with confidence intervals.
//
// Every figure is written to an io.Writer as PNG; SavePNG writes one to a
// file. Inputs are validated up front and bad input (empty, mismatched
// lengths, NaN) is an error, never a panic. Drawing uses gonum.org/v1/plot,
// which is pure Go, so figures render in the static CGO_ENABLED=0 binary.
//
// The numbers printed on the figures (AUC, average precision, ECE) come from
// package metrics or are computed exactly as it does, so a figure always
// agrees with the evaluation table it illustrates.
package plot
