package normalize

// Limits bound the work of one Run. Each stops a specific abuse of the
// normaliser itself.
type Limits struct {
	// MaxPasses caps the passes over the table: encoding nested a hundred
	// times (%25252525...27) costs MaxPasses passes, not a hundred. Four
	// covers the double and triple encoding real evasions use.
	MaxPasses int
	// MaxOutputFactor caps a value's growth to factor × input + 64 bytes;
	// a step that would exceed it is not applied (no transform expands
	// more than 2×, so this is a guard against future ones).
	MaxOutputFactor int
	// MaxSteps caps the trace of one request, so evidence stays small for
	// requests with thousands of encoded parameters.
	MaxSteps int
	// MaxParts caps how many parameters of a query or form body are split
	// out; the rest stays in one part, still normalised and scored.
	MaxParts int
}

// DefaultLimits are the limits of the scanner and the service.
func DefaultLimits() Limits {
	return Limits{MaxPasses: 4, MaxOutputFactor: 2, MaxSteps: 64, MaxParts: 256}
}

// Stop reasons of Run beyond a stable result.
const (
	LimitPasses = "passes"      // still changing after MaxPasses
	LimitOutput = "output_size" // a step would have grown the value too much
)

// Step is one change in the trace.
type Step struct {
	Part      string `json:"part"`
	Transform string `json:"transform"`
	Pass      int    `json:"pass"`
}

// Run normalises one value of the given kind. It returns the result, the
// steps that changed it (tagged with part) appended to steps, and the limit
// that stopped it, if any.
func Run(in string, kind Kind, part string, lim Limits, steps []Step) (string, []Step, string) {
	cur := in
	maxOut := lim.MaxOutputFactor*len(in) + 64
	for pass := 1; pass <= lim.MaxPasses; pass++ {
		changed := false
		for _, t := range table {
			if t.Kinds&kind == 0 || t.FirstPassOnly && pass > 1 {
				continue
			}
			out, ok := t.Fn(cur)
			if !ok {
				continue
			}
			if len(out) > maxOut {
				return cur, steps, LimitOutput
			}
			cur, changed = out, true
			if len(steps) < lim.MaxSteps {
				steps = append(steps, Step{Part: part, Transform: t.Name, Pass: pass})
			}
		}
		if !changed {
			return cur, steps, ""
		}
	}
	return cur, steps, LimitPasses
}
