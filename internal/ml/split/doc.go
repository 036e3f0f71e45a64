// Package split divides labelled rows into train/validation/test parts and
// cross-validation folds: stratified (each part keeps the class mix),
// grouped (all rows sharing a group key such as a source host, template or
// session land in one part, so near-duplicates cannot leak from training
// into evaluation) and both at once. Every function is deterministic for a
// given seed and returns row indices in ascending order.
package split
