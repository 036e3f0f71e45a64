package deobfuscate

import (
	"math"
	"time"
	"unicode/utf8"
)

// Stop reasons reported in Result.Stop. The first four are normal ends; the
// rest name the limit that ended the loop.
const (
	StopStable     = "stable"      // a full pass changed nothing
	StopCycle      = "cycle"       // the text came back to an earlier form
	StopEntropy    = "entropy"     // entropy moved < 0.01 bits over a pass
	StopNotNeeded  = "empty"       // empty input
	LimitInput     = "input_size"  // input longer than Limits.MaxInput
	LimitOutput    = "output_size" // a step would exceed the output cap
	LimitPasses    = "passes"      // Limits.MaxPasses reached
	LimitTime      = "time_budget" // Limits.Budget spent
	LimitSteps     = "steps"       // Limits.MaxSteps trace entries recorded
	excerptRunes   = 160
	entropyEpsilon = 0.01
)

// Step is one change in the trace.
type Step struct {
	Pass      int    `json:"pass"`
	Transform string `json:"transform"`
	Before    string `json:"before"`
	After     string `json:"after"`
}

// Result is the outcome of Run.
type Result struct {
	Input        string   `json:"-"`
	Deobfuscated string   `json:"deobfuscated"`
	Changed      bool     `json:"changed"`
	Obfuscated   bool     `json:"obfuscated"`
	Indicators   []string `json:"indicators,omitempty"`
	Steps        []Step   `json:"steps"`
	Passes       int      `json:"passes"`
	Stop         string   `json:"stop"`
	// Limit is set when a hard limit (not a normal end) stopped the loop.
	Limit string `json:"limit,omitempty"`
	// Payload is the full text produced by the first payload decoder
	// (-EncodedCommand, bare Base64, a Base64 pipe, an Invoke-Obfuscation
	// launcher), before later passes rewrote it; "" when none fired. It is
	// what Genos calls decoded_payload.
	Payload string `json:"payload,omitempty"`
}

// payloadDecoders are the transforms whose output is a decoded payload
// rather than a rewrite of the same text.
var payloadDecoders = map[string]bool{
	"bare_base64": true, "ps_encoded_command": true, "sh_base64_pipe": true, "sh_base64_gunzip": true,
	"psenc_charcodes": true, "psenc_compressed": true, "psenc_securestring": true,
	"psenc_specialchar": true, "psenc_whitespace": true, "ps_compressed_base64": true,
}

// Run deobfuscates in with DefaultLimits.
func Run(in string) Result { return RunLimits(in, DefaultLimits()) }

// RunLimits applies the transform table in passes until the text is stable
// or a limit is hit. It never panics and its output never exceeds the
// output cap derived from lim.
func RunLimits(in string, lim Limits) Result {
	r := Result{Input: in, Deobfuscated: in, Steps: []Step{}}
	switch {
	case in == "":
		r.Stop = StopNotNeeded
		return r
	case len(in) > lim.MaxInput:
		r.Stop, r.Limit = LimitInput, LimitInput
		return r
	}
	r.Indicators = Indicators(in)
	r.Obfuscated = len(r.Indicators) > 0
	st := state{lim: lim, cap: lim.outputCap(len(in)), start: time.Now(), seen: map[string]bool{in: true}}
	cur := in
	for r.Passes < lim.MaxPasses {
		r.Passes++
		next, stop := st.pass(cur, r.Passes, &r)
		if stop != "" {
			cur = next
			r.Stop = stop
			break
		}
		if next == cur {
			r.Stop = StopStable
			break
		}
		if st.seen[next] {
			r.Stop = StopCycle
			cur = next
			break
		}
		st.seen[next] = true
		dh := math.Abs(Entropy(next) - Entropy(cur))
		cur = next
		if dh < entropyEpsilon && !st.structural {
			r.Stop = StopEntropy
			break
		}
	}
	if r.Stop == "" {
		r.Stop = LimitPasses
	}
	if isLimit(r.Stop) {
		r.Limit = r.Stop
	}
	r.Deobfuscated = cur
	r.Changed = cur != in
	return r
}

func isLimit(stop string) bool {
	switch stop {
	case LimitInput, LimitOutput, LimitPasses, LimitTime, LimitSteps:
		return true
	}
	return false
}

// state carries the per-call bookkeeping of RunLimits.
type state struct {
	lim        Limits
	cap        int
	start      time.Time
	seen       map[string]bool
	structural bool // the last pass did more than cosmetic edits
}

// pass applies every transform once, in order. It returns a stop reason
// when a limit ends the loop.
func (st *state) pass(cur string, n int, r *Result) (string, string) {
	st.structural = false
	for i, t := range transforms {
		// Reading the clock costs as much as a cheap transform's precheck:
		// check it every eighth transform (no transform may take long on
		// its own; fuzz and bomb tests hold them to that).
		if i%8 == 0 && time.Since(st.start) > st.lim.Budget {
			return cur, LimitTime
		}
		out, ok := safeApply(t, cur)
		if !ok || out == cur {
			continue
		}
		if len(out) > st.cap {
			return cur, LimitOutput
		}
		if len(r.Steps) >= st.lim.MaxSteps {
			return cur, LimitSteps
		}
		r.Steps = append(r.Steps, Step{Pass: n, Transform: t.Name, Before: excerpt(cur), After: excerpt(out)})
		if r.Payload == "" && payloadDecoders[t.Name] {
			r.Payload = out
		}
		if !cosmetic[t.Name] {
			st.structural = true
		}
		cur = out
	}
	return cur, ""
}

// cosmetic transforms change spelling, not content; a pass made only of
// them may end the loop on the entropy rule, as in Genos. Decoders never do.
var cosmetic = map[string]bool{}

// safeApply runs one transform and turns a panic into "no change", so a bug
// in one technique can never take down a scan.
func safeApply(t Transform, in string) (out string, ok bool) {
	defer func() {
		if recover() != nil {
			out, ok = in, false
		}
	}()
	return t.Fn(in)
}

// excerpt shortens s for the trace, keeping valid UTF-8.
func excerpt(s string) string {
	if utf8.RuneCountInString(s) <= excerptRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == excerptRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
