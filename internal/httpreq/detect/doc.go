// Package detect is vigil's HTTP request detector.
//
// A request goes one way through it: normalisation (package normalize)
// splits it into parts and decodes each, recording a trace; the binary
// linear model (hashed n-grams, package features) scores attack/normal;
// when its probability falls in the uncertain band, the byte-level CNN
// (package nn) scores the same text and the two calibrated probabilities
// are averaged with the weight chosen on validation data; the n-gram
// surprisal model trained on normal traffic only (package charlm) gives the
// anomaly score. For an attack, every part is scored alone to find which
// one triggered, and the attack-type model names the attack from that
// part's decoded form (a small rule adds SSRF, which no corpus labels).
//
// Every verdict carries its evidence: the parts that triggered with their
// decoded forms and scores, and the normalisation steps that ran.
package detect
