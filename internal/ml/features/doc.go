// Package features turns text into fixed-size sparse vectors and scales dense
// feature rows, with a Schema that pins down every choice that changes the
// numbers a model sees.
//
// Text goes through the hashing trick: character n-grams (optionally within
// word boundaries, like scikit-learn's char_wb analyzer) and word n-grams are
// hashed with 64-bit FNV-1a over code points and a splitmix64 finaliser into
// 2^HashBits buckets, with a hash-derived sign so that collisions cancel in
// expectation instead of piling up. Counts then get sublinear TF, optional
// IDF weights fitted on training data and L2 normalisation.
//
// A Vectorizer owns scratch buffers so that the hot path (one call per event)
// does no allocation once warmed up; it is not safe for concurrent use, so
// give each goroutine its own.
//
// Schema.Hash is the feature-schema hash stored in every model artifact: an
// artifact trained under one schema refuses to load under another.
package features
