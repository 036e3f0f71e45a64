// Package features turns a normalised request (package normalize) into the
// inputs of vigil's HTTP models: a sparse vector for the linear models and
// a string for the byte-level CNN.
//
// The vector has two blocks. The text block hashes character n-grams
// (within whitespace-separated words) and word n-grams of the decoded
// request, "path?param&param\nbody", lower-cased. The token block hashes
// what normalisation did (one token per transform that ran, the number of
// percent-decoding layers, limits hit), so a model can weigh double
// encoding or overlong UTF-8 as evidence in itself.
//
// The method is not a feature: CSIC 2010 sends PUT only in its anomalous
// file (the same 397 requests that carry the Host leak), and a model that
// learnt it would flag every PUT of a REST API.
//
// Headers are not features: no training corpus carries labelled header
// content, and CSIC 2010's Host header leaks its labels.
//
// Schema.Hash covers both blocks and the token vocabulary; every model
// artifact stores it and refuses to load under another.
package features
