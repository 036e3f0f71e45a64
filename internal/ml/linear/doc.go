// Package linear is multinomial logistic regression (softmax regression) on
// sparse features: the fast first tier of vigil's text detectors.
//
// Weights are stored feature-major (the K class weights of one feature are
// adjacent), so scoring a sparse vector touches one cache line or two per
// non-zero. Training minimises class-weighted cross-entropy with optional L2
// using AdamW, linear warmup then cosine decay, minibatches, global-norm
// gradient clipping and early stopping on validation macro-F1 that keeps the
// best epoch's weights (see package train). A fitted temperature
// (package calibrate) makes the probabilities calibrated.
package linear
