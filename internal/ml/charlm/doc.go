// Package charlm is a one-class anomaly scorer for short strings: a hashed
// character n-gram model of normal text. Trained on normal traffic only, it
// scores a string by how surprising its n-grams are, so it flags what no
// labelled attack class covers (a new injection, an unexpected method or
// parameter, a tampered value) without any attack examples.
//
// Each n-gram (n = Order, over bytes, with a start and an end marker) is
// hashed into 2^Bits buckets; training counts them and stores the additively
// smoothed surprisal −log2 p per bucket. A string's score is the largest
// mean surprisal over windows of Window consecutive n-grams (the whole
// string when shorter), so one injected value stands out of a long,
// ordinary request instead of being averaged away. Percentile maps a score
// to the share of training strings that scored lower, an interpretable 0–1
// anomaly.
//
// Scoring reads at most MaxInput bytes, does not allocate and is safe for
// concurrent use.
package charlm
