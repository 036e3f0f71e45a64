// Package httpreq is vigil's model of one HTTP request and the parsers that
// build it from what users actually have: JSON lines (vigil's own shape,
// the SecuritAI access-log shape and Elastic Common Schema fields), raw
// HTTP/1.x request text (the CSIC 2010 files) and nginx/Apache combined log
// lines.
//
// Every parser is bounded: a request whose method, target, query, body or
// headers exceed Limits is an error (ErrTooLarge), never a truncation that
// could hide a payload, and input that is not a request is an error
// (ErrMalformed). Parsers never panic; each has a fuzz test.
//
// Normalisation (package normalize), features, the detector and its
// training live in the subpackages; data flows one way: parse → normalise →
// features → models → verdict.
package httpreq
