// Package training builds vigil's command models from the public datasets
// and evaluates them: it applies the label policy (package dataset), splits
// by group so that no source template sits on both sides, trains Tier 1 and
// Tier 2 (package linear), calibrates Tier 1 on the validation part, and
// evaluates the finished detector (package detect) on the held-out part
// exactly as `vigil scan` runs it.
package training
