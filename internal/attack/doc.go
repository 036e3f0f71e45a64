// Package attack is vigil's embedded MITRE ATT&CK® catalogue: technique ids,
// names, parents and tactics, so a verdict can say which technique it saw and
// where that sits in the kill chain.
//
// The data come from MITRE ATT&CK Enterprise v18.1 (mitre/cti, attack-pattern
// and x-mitre-tactic objects, via the shared dataset attack/techniques.json)
// plus 11 newer ids that atomic-red-team already uses, whose names and tactics
// (Stealth, Defense Impairment) are provisional. ATT&CK is © The MITRE
// Corporation; it is reproduced and distributed with the permission of The
// MITRE Corporation under the ATT&CK Terms of Use, a royalty-free licence for
// research, development and commercial use that asks every copy to keep MITRE's
// copyright designation and licence. catalogue.json carries that notice.
//
// catalogue.json is a compact copy (id, name, tactics, revoked/deprecated)
// written by gen/main.go; the dataset itself is not part of the project. Every
// technique of the dataset is kept, revoked and deprecated ones flagged, since
// older rules and data still cite them (T1086 PowerShell, revoked in favour of
// T1059.001). Regenerate with `go generate ./internal/attack` (the dataset is
// read from $VIGIL_DATA or ../shared/datasets).
//
// The catalogue is parsed once, on first use. Lookups after that allocate
// nothing, so detectors can call them on every event. Slices handed out
// (Technique.Tactics) are shared: callers must not modify them.
package attack

//go:generate go run ./gen/main.go -out catalogue.json
