// Package artifact is vigil's model file format: safe to load from an
// untrusted source because loading only parses data (no code, no reflection
// into arbitrary types, no pickles) and every size is bounded before memory
// is committed.
//
// Layout of a file:
//
//	magic   8 bytes  "VIGILML\x00"
//	hlen    uint32   little-endian length of the header
//	header  hlen bytes of JSON (see header): format version, model kind,
//	        feature-schema hash, class names, metadata, creation time, the
//	        tensor table and the checksum
//	payload the tensors' little-endian float32/float64/int64 data,
//	        back to back in table order
//
// The checksum is the sha256 of the header (re-encoded with the checksum
// field empty) followed by the payload, so editing a class name is caught
// as surely as flipping a weight. Load checks, in order: magic, header size,
// strict JSON (unknown fields are errors), format version, the tensor table
// against the limits, the payload length, the checksum and finally the
// feature-schema hash the calling code expects.
package artifact
