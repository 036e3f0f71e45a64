package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client drives the shop: user flows with injection attempts mixed in.
type Client struct {
	Base        string  // the shop's base URL
	Rate        float64 // requests per second; ≤ 0 is as fast as possible
	AttackShare float64 // share of requests that are attacks
	Seed        uint64
	HTTP        *http.Client
}

// Run sends n requests (or until ctx ends) and returns how many it sent.
func (c *Client) Run(ctx context.Context, n int) (int, error) {
	rng := rand.New(rand.NewPCG(c.Seed, 99))
	var tick <-chan time.Time
	if c.Rate > 0 {
		t := time.NewTicker(time.Duration(float64(time.Second) / c.Rate))
		defer t.Stop()
		tick = t.C
	}
	for i := range n {
		if tick != nil {
			select {
			case <-ctx.Done():
				return i, ctx.Err()
			case <-tick:
			}
		} else if ctx.Err() != nil {
			return i, ctx.Err()
		}
		step := c.step(rng, i)
		if err := c.send(ctx, step); err != nil {
			return i, err
		}
	}
	return n, nil
}

// call is one request of a flow.
type call struct {
	method, path, body, ctype, label string
	query                            url.Values
}

// flow is the normal user journey, one step per request.
var flow = []func(*rand.Rand) call{
	func(r *rand.Rand) call { return call{method: "GET", path: "/"} },
	func(r *rand.Rand) call {
		return call{method: "GET", path: "/search", query: url.Values{"q": {pick(r, searches)}, "page": {fmt.Sprint(1 + r.IntN(3))}}}
	},
	func(r *rand.Rand) call { return call{method: "GET", path: fmt.Sprintf("/products/%d", 1+r.IntN(500))} },
	func(r *rand.Rand) call {
		return call{method: "GET", path: fmt.Sprintf("/products/%d/reviews", 1+r.IntN(500)), query: url.Values{"limit": {"10"}}}
	},
	func(r *rand.Rand) call {
		return call{method: "POST", path: "/login", ctype: "application/json",
			body: fmt.Sprintf(`{"username":%q,"password":%q}`, pick(r, users), fmt.Sprintf("pw-%06d", r.IntN(1e6)))}
	},
	func(r *rand.Rand) call {
		return call{method: "POST", path: "/cart", ctype: "application/json", body: fmt.Sprintf(`{"product_id":%d,"qty":%d}`, 1+r.IntN(500), 1+r.IntN(4))}
	},
	func(r *rand.Rand) call {
		return call{method: "PUT", path: fmt.Sprintf("/cart/%d", 1+r.IntN(90)), ctype: "application/json", body: fmt.Sprintf(`{"qty":%d}`, 1+r.IntN(4))}
	},
	func(r *rand.Rand) call {
		return call{method: "POST", path: "/checkout", ctype: "application/x-www-form-urlencoded",
			body: url.Values{"address": {pick(r, streets)}, "city": {pick(r, cities)}, "card": {"4111111111111111"}}.Encode()}
	},
	func(r *rand.Rand) call { return call{method: "GET", path: "/static/" + pick(r, assets)} },
}

var (
	searches = []string{"espresso cup", "linen apron", "gift ideas", "kettle", "wool", "blue mug", "café au lait set", "board 40cm"}
	users    = []string{"alice", "bob", "carol", "dave", "erin", "frank"}
	streets  = []string{"12 Rose Lane", "4 Harbour St", "77 Avenida del Sol", "9 Kingsway"}
	cities   = []string{"Leeds", "Porto", "Lyon", "Graz"}
	assets   = []string{"app.js", "site.css", "logo.svg", "hero.jpg"}
)

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// step returns request i: the next flow step, or an attack on one of the
// flow's inputs.
func (c *Client) step(r *rand.Rand, i int) call {
	st := flow[i%len(flow)](r)
	if r.Float64() >= c.AttackShare {
		return st
	}
	a := attacks[r.IntN(len(attacks))]
	switch r.IntN(4) {
	case 0:
		st = call{method: "GET", path: "/search", query: url.Values{"q": {a.value}}}
	case 1:
		st = call{method: "POST", path: "/login", ctype: "application/json",
			body: fmt.Sprintf(`{"username":%s,"password":"x"}`, jsonValue(a.value))}
	case 2:
		st = call{method: "GET", path: "/download", query: url.Values{"file": {a.value}}}
	default:
		st = call{method: "POST", path: "/checkout", ctype: "application/x-www-form-urlencoded",
			body: url.Values{"address": {a.value}, "city": {pick(r, cities)}}.Encode()}
	}
	st.label = a.typ
	return st
}

// jsonValue embeds an operator object as is (NoSQL injection) and anything
// else as a string.
func jsonValue(v string) string {
	if strings.HasPrefix(v, "{") {
		return v
	}
	return fmt.Sprintf("%q", v)
}

func (c *Client) send(ctx context.Context, st call) error {
	u := c.Base + st.path
	if len(st.query) > 0 {
		u += "?" + st.query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, st.method, u, strings.NewReader(st.body))
	if err != nil {
		return err
	}
	if st.ctype != "" {
		req.Header.Set("Content-Type", st.ctype)
	}
	req.Header.Set("User-Agent", "vigil-demo/1.0")
	if st.label != "" {
		req.Header.Set(LabelHeader, st.label)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}
