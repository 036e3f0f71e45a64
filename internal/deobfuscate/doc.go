// Package deobfuscate undoes the encodings and string tricks attackers wrap
// around command lines (PowerShell, cmd.exe and sh/bash) before vigil parses
// and scores them.
//
// Each technique is a named pure function, func(string) (string, bool),
// registered in one table (see registry.go). The pipeline applies the table in
// passes until the text is stable, a cycle appears, the entropy stops moving or
// a hard limit is reached, and records every change in a trace so a verdict can
// show how the payload was recovered.
package deobfuscate
