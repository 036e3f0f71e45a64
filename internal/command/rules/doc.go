// Package rules is vigil's declarative detection layer for command lines.
//
// Rules are Sigma-like YAML documents: each has a stable id, a level, ATT&CK
// tags, an action that tells the verdict router what a hit means
// (force_malicious, promote, cap_suspicious, requires_context, benign_safe or
// allow), a match expression and positive/negative examples. The default set
// is embedded from builtin/*.yaml and translates Genos's routing features,
// hard overrides and malicious cap (reference §2.5–2.7), plus Windows
// coverage Genos lacks. Users add their own files, strictly parsed.
//
// Load compiles every rule once: regexes are precompiled case-insensitive,
// string operands are lowercased, and each rule gets a literal prefilter
// (substrings that any match must contain, extracted from its regexes with
// regexp/syntax) so that Match skips most rules with a few substring checks.
// Engine.Test runs every example through deobfuscation, parsing and Match,
// which is what `vigil rules test` does in CI. See docs/rules.md.
package rules
