// Package training builds and evaluates vigil's HTTP models: the binary
// linear model, the byte-CNN and their combination, the attack-type model
// and the normal-only anomaly model, on the CSIC 2010 split of issue 5
// (package dataset), with cross-dataset figures (trained without a source,
// evaluated on it).
package training
