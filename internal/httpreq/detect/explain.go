package detect

import (
	"strings"

	"github.com/vigilsec/vigil/internal/httpreq/features"
	"github.com/vigilsec/vigil/internal/httpreq/normalize"
)

// maxPartEvidence bounds the parts named in one verdict and
// maxDecodedEvidence the bytes of each decoded form shown.
const (
	maxPartEvidence    = 5
	maxDecodedEvidence = 256
)

// explain scores every part alone, names those at or above the part
// threshold (at least the top one), and types the attack from the top
// part's decoded form.
func (d *Detector) explain(v *Verdict, res *normalize.Result, s *scratch) {
	scores, top := d.partScores(res, s)
	if top < 0 {
		return
	}
	for i, p := range res.Parts {
		if (i == top || scores[i] >= d.models.Combine.PartThreshold) && len(v.Evidence) < maxPartEvidence {
			v.Evidence = append(v.Evidence, Evidence{Kind: "part", Part: p.Name, Decoded: clip(p.Decoded, maxDecodedEvidence), Score: round4(scores[i])})
		}
	}
	d.attackType(v, res, top, s)
}

// PartScores returns the binary linear probability of every part of res
// scored alone, and the index of the highest (-1 when there are no parts).
func (d *Detector) PartScores(res *normalize.Result) ([]float64, int) {
	s := d.pool.Get().(*scratch)
	defer d.pool.Put(s)
	return d.partScores(res, s)
}

func (d *Detector) partScores(res *normalize.Result, s *scratch) ([]float64, int) {
	top := -1
	scores := make([]float64, len(res.Parts))
	allPlain := true
	for _, p := range res.Parts {
		allPlain = allPlain && plain(p)
	}
	for i, p := range res.Parts {
		if plain(p) && !allPlain {
			continue // scores 0: a bare word or number cannot carry an injection
		}
		one := PartResult(res, i)
		scores[i] = d.linear(features.Text(one), one, s)
		if top < 0 || scores[i] > scores[top] {
			top = i
		}
	}
	return scores, top
}

// attackType runs the type model on the top part; "other" and
// low-confidence answers stay null. The SSRF rule speaks when the model
// has nothing more specific.
func (d *Detector) attackType(v *Verdict, res *normalize.Result, top int, s *scratch) {
	one := PartResult(res, top)
	s.x = s.typ.Vector(TypeText(one), one, s.x)
	p := d.models.Type.Proba(s.x, s.pk)
	best := 0
	for c := range p {
		if p[c] > p[best] {
			best = c
		}
	}
	name, conf := d.models.Types[best], float64(p[best])
	if name != "other" && conf >= d.models.Combine.MinTypeConfidence {
		v.AttackType, v.Scores.TypeConfidence = ptr(name), round4(conf)
	}
	if v.AttackType == nil || *v.AttackType == "rfi" || *v.AttackType == "open_redirect" {
		if part, ok := ssrfPart(res); ok {
			v.AttackType = ptr("ssrf")
			v.Evidence = append(v.Evidence, Evidence{Kind: "rule", Rule: "ssrf_internal_url", Part: part})
		}
	}
}

// PartResult is a result holding part i alone (no method), shaped like
// the fragments the models learnt from.
func PartResult(res *normalize.Result, i int) *normalize.Result {
	p := res.Parts[i]
	one := &normalize.Result{Parts: []normalize.Part{p}}
	for _, st := range res.Steps {
		if st.Part == p.Name {
			one.Steps = append(one.Steps, st)
		}
	}
	return one
}

// maxPlain bounds the parts plain may skip.
const maxPlain = 64

// plain reports whether a part is a short, unencoded name=value of letters,
// digits, '_', '.', '-' and '=' only (id=3, B1=Entrar, lang=en-GB): no
// injection fits in that alphabet, so explain does not score it alone
// (unless every part is plain), which saves a third of the cost of
// explaining a typical attack.
func plain(p normalize.Part) bool {
	if p.Decoded != p.Raw || len(p.Decoded) > maxPlain || p.Name == "body" {
		return false
	}
	for i := 0; i < len(p.Decoded); i++ {
		c := p.Decoded[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-' || c == '=') {
			return false
		}
	}
	return true
}

// TypeText is what the type model reads from a one-part result: the
// decoded value without its parameter name (payload lists hold bare
// values, and a name like "q" says nothing about the attack).
func TypeText(one *normalize.Result) string {
	text := strings.TrimPrefix(features.Text(one), "?")
	if len(one.Parts) == 1 && one.Parts[0].Name != "path" && one.Parts[0].Name != "body" {
		if k, v, ok := strings.Cut(text, "="); ok && v != "" && paramName(k) {
			return v
		}
	}
	return text
}

// paramName reports whether k looks like a parameter name rather than the
// start of a bare payload ("1' or '1'" in "1' or '1'='1").
func paramName(k string) bool {
	if k == "" || len(k) > 48 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_-.[]$", c) >= 0) {
			return false
		}
	}
	return true
}

func appendSteps(ev []Evidence, res *normalize.Result) []Evidence {
	for _, st := range res.Steps {
		ev = append(ev, Evidence{Kind: "normalization", Part: st.Part, Transform: st.Transform, Pass: st.Pass})
	}
	return ev
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 { // do not cut a UTF-8 sequence
		n--
	}
	return s[:n] + "…"
}
