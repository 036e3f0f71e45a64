package deobfuscate

import "time"

// Limits bounds the work one call to Run may do. Every field exists to stop a
// specific attack on the deobfuscator itself; the zero value is not useful,
// start from DefaultLimits.
type Limits struct {
	// MaxInput is the largest input accepted, in bytes. Larger inputs are
	// returned unchanged with Limit "input_size". It stops memory and CPU
	// exhaustion from multi-megabyte command lines sent to the API.
	MaxInput int
	// MaxOutputFactor and MaxOutputAbs cap the text at
	// min(MaxOutputAbs, max(MinOutputCap, MaxOutputFactor*len(input))).
	// They stop expansion bombs: nested format operators, "{0}{0}{0}" -f
	// chains, variable doubling and compressed payloads that inflate.
	MaxOutputFactor int
	MinOutputCap    int
	MaxOutputAbs    int
	// MaxPasses stops nesting bombs: Base64 inside Base64 hundreds deep, or
	// any chain of layers built to keep the loop busy.
	MaxPasses int
	// Budget is the wall-clock time one call may spend. It stops inputs that
	// are cheap to send but slow to decode (pathological regex inputs,
	// many-layer payloads that stay just under the other limits).
	Budget time.Duration
	// MaxSteps caps the trace length, so a verdict's evidence stays small.
	MaxSteps int
}

// DefaultLimits are the limits used by the CLI, the scanner and the API.
func DefaultLimits() Limits {
	return Limits{
		MaxInput:        64 << 10,
		MaxOutputFactor: 8,
		MinOutputCap:    4 << 10,
		MaxOutputAbs:    1 << 20,
		MaxPasses:       12,
		Budget:          25 * time.Millisecond,
		MaxSteps:        64,
	}
}

// outputCap returns the largest output allowed for an input of n bytes.
func (l Limits) outputCap(n int) int {
	c := l.MaxOutputFactor * n
	if c < l.MinOutputCap {
		c = l.MinOutputCap
	}
	if c > l.MaxOutputAbs {
		c = l.MaxOutputAbs
	}
	return c
}

// maxTransformOutput is the most any single transform may produce. Decoders
// that inflate (gzip, deflate, format strings, ranges) check it themselves
// so that one step can never allocate without bound, whatever the pipeline
// limits are. It stops decompression bombs inside a single step.
const maxTransformOutput = 1 << 20

// bounded reports whether out is an acceptable result for in: no larger than
// maxTransformOutput and no more than 64 times the input plus 4 KiB.
// Transforms call it before returning a changed result.
func bounded(in, out string) bool {
	return len(out) <= maxTransformOutput && len(out) <= 64*len(in)+4096
}
