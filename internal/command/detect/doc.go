// Package detect is vigil's two-tier command-line detector.
//
// A command line goes one way through it: the engine (package command)
// deobfuscates, parses and applies the rules; Tier 1, a calibrated linear
// model over hashed n-grams of the raw and deobfuscated text plus the
// engine's symbolic facts (package features), scores Benign / Suspicious /
// Malicious; the router combines the scores with the rule actions in the
// Genos order (hard overrides, promotion, caps, benign safe overrides, then
// probability routing with thresholds and margins); Tier 2, a linear model
// over 2^16 text buckets, ranks ATT&CK techniques for the raw line and,
// when deobfuscation changed it, for the decoded payload, and the two lists
// are merged keeping the higher confidence per technique.
//
// Every verdict carries its evidence: the rules that fired, the
// deobfuscation steps, the model scores and the route that decided.
package detect
