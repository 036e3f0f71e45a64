package dataset

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"

	"github.com/vigilsec/vigil/internal/httpreq"
)

// Synthetic is the source of generated requests: ordinary web and API
// traffic (normal) and the same requests with one value replaced by an
// attack fragment of the training pool (attack). CSIC 2010 is the only
// corpus of whole normal requests, and one Spanish shop; a model trained on
// it alone calls every other site's traffic an attack. The generated pairs
// teach it that the shape of a request (a JSON body, a REST path, a PUT)
// is not the attack, the injected value is.
const Synthetic = "synthetic"

// vocabulary of the generator; plain words, no dataset rows.
var (
	synthResources = strings.Fields("products items users orders cart basket search login logout checkout account profile " +
		"reviews categories blog posts comments articles news api v1 v2 health status images media files downloads " +
		"settings notifications messages inbox wishlist payments invoices shipping addresses sessions tokens events")
	synthStatic = strings.Fields("app.js main.css vendor.js logo.png favicon.ico robots.txt sitemap.xml banner.jpg " +
		"fonts/inter.woff2 style.min.css bundle.7f3a9c.js hero.webp manifest.json")
	synthParams = strings.Fields("q query search page limit offset sort order id category lang locale ref utm_source " +
		"utm_campaign filter from to date price_min price_max color size brand tag type view format fields include " +
		"session_id token name email city country zip phone comment title message quantity qty sku currency " +
		"username password user pass remember login keyword address street card cvv coupon note description")
	synthWords = strings.Fields("blue red green black white shoes shirt jacket coffee tea book books laptop phone case " +
		"garden kitchen chair table lamp summer winter sale new best price cheap gift card cotton leather wireless " +
		"headphones camera travel bag running outdoor kids women men home office desk pen paper music guitar café " +
		"naïve résumé straße año münchen são paulo new york london hello world thanks great product fast delivery " +
		"the and for with from about your my our this that order status help return refund size medium large small")
	synthMethods = []string{"GET", "GET", "GET", "GET", "POST", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}
)

// synth generates requests from a seeded source.
type synth struct{ rng *rand.Rand }

func (s synth) pick(xs []string) string { return xs[s.rng.IntN(len(xs))] }

// value returns a plausible parameter value: words, numbers, ids, dates,
// e-mail addresses, tokens.
func (s synth) value() string {
	switch s.rng.IntN(10) {
	case 0, 1:
		n := 1 + s.rng.IntN(4)
		w := make([]string, n)
		for i := range w {
			w[i] = s.pick(synthWords)
		}
		return strings.Join(w, " ")
	case 2, 3:
		return fmt.Sprint(s.rng.IntN(100000))
	case 4:
		return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", s.rng.Uint32(), s.rng.IntN(1<<16), s.rng.IntN(1<<12), s.rng.IntN(1<<16), s.rng.Uint64()>>16)
	case 5:
		return fmt.Sprintf("20%02d-%02d-%02d", 10+s.rng.IntN(16), 1+s.rng.IntN(12), 1+s.rng.IntN(28))
	case 6:
		return fmt.Sprintf("%s.%s%d@example.%s", s.pick(synthWords), s.pick(synthWords), s.rng.IntN(100), s.pick([]string{"com", "org", "net"}))
	case 7:
		return fmt.Sprintf("%x", s.rng.Uint64())
	case 8:
		return fmt.Sprintf("%d.%02d", s.rng.IntN(1000), s.rng.IntN(100))
	case 9:
		if s.rng.IntN(2) == 0 {
			return fmt.Sprint(1 + s.rng.IntN(9))
		}
	}
	return s.pick(synthWords)
}

func (s synth) path() string {
	switch s.rng.IntN(5) {
	case 0:
		return "/static/" + s.pick(synthStatic)
	case 1:
		return "/"
	case 2:
		return fmt.Sprintf("/%s/%d", s.pick(synthResources), s.rng.IntN(10000))
	}
	p := ""
	for range 1 + s.rng.IntN(3) {
		p += "/" + s.pick(synthResources)
	}
	return p
}

// params returns n name/value pairs.
func (s synth) params(n int) [][2]string {
	out := make([][2]string, n)
	for i := range out {
		out[i] = [2]string{s.pick(synthParams), s.value()}
	}
	return out
}

// request builds a normal request; inject, when not empty, replaces one
// value (query, form or JSON) with it.
func (s synth) request(inject string) *httpreq.Request {
	r := &httpreq.Request{Method: s.pick(synthMethods), Path: s.path()}
	ps := s.params(s.rng.IntN(5))
	if inject != "" && len(ps) == 0 {
		ps = s.params(1)
	}
	if inject != "" {
		ps[s.rng.IntN(len(ps))][1] = inject
	}
	switch body := r.Method == "POST" || r.Method == "PUT" || r.Method == "PATCH"; {
	case body && s.rng.IntN(2) == 0:
		r.Body = jsonBody(ps)
	case body:
		r.Body = formBody(ps, s.rng.IntN(2) == 0)
	default:
		r.Query = formBody(ps, s.rng.IntN(3) > 0)
	}
	return r
}

// formBody encodes pairs as a query string, percent-encoded or (as some
// logs show them) decoded.
func formBody(ps [][2]string, encode bool) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		v := p[1]
		if encode {
			v = url.QueryEscape(v)
		}
		parts[i] = p[0] + "=" + v
	}
	return strings.Join(parts, "&")
}

// jsonBody encodes pairs as a JSON object: numbers bare, the rest as
// strings, as an API client would send them.
func jsonBody(ps [][2]string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		if _, err := strconv.ParseFloat(p[1], 64); err == nil && !strings.ContainsAny(p[1], "eEinfINF") {
			fmt.Fprintf(&b, "%q:%s", p[0], p[1])
		} else {
			fmt.Fprintf(&b, "%q:%q", p[0], p[1])
		}
	}
	b.WriteByte('}')
	return b.String()
}

// SyntheticRequests returns n normal generated requests and one attack
// request per attack fragment in payloads (each fragment injected into a
// fresh normal request). Attack rows keep the fragment's type; Origin holds
// the fragment's source, so a cross-dataset run can leave it out.
func SyntheticRequests(n int, payloads []Example, seed uint64) []Example {
	s := synth{rng: rand.New(rand.NewPCG(seed, 0x2545f4914f6cdd1d))}
	out := make([]Example, 0, n+len(payloads))
	for range n {
		out = append(out, Example{Req: s.request(""), Label: Normal, Source: Synthetic})
	}
	for _, p := range payloads {
		frag := p.Req.Query
		if frag == "" || p.Label != Attack || strings.ContainsAny(frag, "\n") {
			continue
		}
		out = append(out, Example{Req: s.request(frag), Label: Attack, Type: p.Type, Source: Synthetic, Origin: p.Source})
	}
	return out
}
