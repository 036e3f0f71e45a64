// Package models embeds vigil's shipped model artifacts, so the binary
// runs with no files beside it. `--models DIR` (a directory with the same
// layout) overrides them. MODEL.md is the model card.
package models

import "embed"

// FS holds the artifacts: command/tier1.vgm and command/tier2.vgm (the
// command detector), session/session.vgm (the session classifier) and
// http/*.vgm (the HTTP request detector: binary, type, cnn, anomaly).
//
//go:embed command/*.vgm session/*.vgm http/*.vgm
var FS embed.FS
