// Package normalize undoes the encodings attackers wrap around HTTP
// payloads before vigil's models see them: repeated percent-encoding, '+'
// for space, IIS %uXXXX, overlong UTF-8, Latin-1 bytes, full-width
// Unicode, HTML entities, JavaScript escapes, SQL inline comments, case
// alternation and path tricks.
//
// Each technique is a pure func(string) (string, bool), registered by name
// in one ordered table (registry.go). Run applies the table to a value in
// passes until nothing changes or a limit is reached, and records every
// change in a trace, so a verdict can show which decoded form of which part
// of the request triggered. Request splits a request into parts (the path,
// each query and form-body parameter, an opaque body) and normalises each.
//
// Every transform's output is at most twice its input (Latin-1 expansion);
// the others only shrink. The pipeline's limits (Limits) bound the passes,
// the output and the trace.
package normalize
