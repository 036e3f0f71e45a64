package session

import "math/rand/v2"

// A profile is one kind of behaviour within a class: how often it occurs
// in the class and how it draws each feature. docs/session.md tells the
// story behind each one.
type profile struct {
	name   string
	weight float64
	draw   func(r *sampler) Features
}

// classes holds each class's prior and profiles, in Classes order.
var classes = [NumClasses]struct {
	prior    float64
	profiles []profile
}{
	{0.50, normalProfiles},
	{0.125, bruteForceProfiles},
	{0.125, injectionProfiles},
	{0.125, exfilProfiles},
	{0.125, reconProfiles},
}

var normalProfiles = []profile{
	{"browsing", 0.55, func(r *sampler) Features {
		return r.features(r.poisson(0.3), r.logn(25, 0.7), r.poisson(2), r.bern(0.01), r.bern(0.002), r.logn(150, 0.8))
	}},
	{"forgot_password", 0.12, func(r *sampler) Features {
		return r.features(1+r.poisson(3), r.logn(15, 0.7), r.poisson(1), r.bern(0.005), 0, r.logn(200, 0.6))
	}},
	{"power_user", 0.20, func(r *sampler) Features {
		return r.features(r.poisson(0.5), r.logn(90, 0.6), 4+r.poisson(5), r.bern(0.03), r.bern(0.005), r.logn(350, 0.5))
	}},
	{"api_client", 0.13, func(r *sampler) Features {
		failed := r.poisson(0.1) + r.bern(0.05)*r.uniform(5, 20) // expired tokens retried
		return r.features(failed, r.logn(180, 0.5), r.poisson(0.5), r.bern(0.01), 0, r.logn(400, 0.4))
	}},
}

var bruteForceProfiles = []profile{
	{"fast_scripted", 0.45, func(r *sampler) Features {
		return r.features(r.uniform(40, 150), r.logn(120, 0.6), r.poisson(0.3), r.bern(0.03), r.bern(0.02), r.logn(200, 0.7))
	}},
	{"slow_scripted", 0.35, func(r *sampler) Features {
		return r.features(r.uniform(8, 45), r.logn(6, 0.6), r.bern(0.3), r.bern(0.01), 0, r.logn(480, 0.25))
	}},
	{"credential_stuffing", 0.20, func(r *sampler) Features {
		return r.features(r.uniform(3, 15), r.logn(40, 0.6), r.poisson(0.5), r.bern(0.02), r.bern(0.01), r.logn(60, 0.6))
	}},
}

var injectionProfiles = []profile{
	{"manual_sqli", 0.45, func(r *sampler) Features {
		return r.features(r.poisson(1), r.logn(15, 0.7), r.poisson(2), r.bern(0.9), r.bern(0.03), r.logn(250, 0.6))
	}},
	{"automated_scanner", 0.35, func(r *sampler) Features {
		return r.features(r.poisson(2), r.logn(150, 0.6), r.poisson(1), r.bern(0.95), r.bern(0.05), r.logn(300, 0.5))
	}},
	{"obfuscated", 0.20, func(r *sampler) Features { // payloads the SQL heuristic misses
		return r.features(r.poisson(1.5), r.logn(40, 0.8), r.poisson(3), r.bern(0.25), 0, r.logn(200, 0.7))
	}},
}

var exfilProfiles = []profile{
	{"bulk_download", 0.40, func(r *sampler) Features {
		return r.features(r.poisson(0.2), r.logn(60, 0.6), r.uniform(10, 20), r.bern(0.15), r.bern(0.55), r.logn(350, 0.5))
	}},
	{"low_and_slow_insider", 0.40, func(r *sampler) Features {
		return r.features(r.poisson(0.1), r.logn(5, 0.6), 6+r.poisson(6), r.bern(0.05), r.bern(0.5), r.logn(500, 0.2))
	}},
	{"staging", 0.20, func(r *sampler) Features {
		return r.features(r.poisson(0.3), r.logn(20, 0.6), r.uniform(12, 20), r.bern(0.1), r.bern(0.3), r.logn(250, 0.6))
	}},
}

var reconProfiles = []profile{
	{"fast_scan", 0.55, func(r *sampler) Features {
		return r.features(r.poisson(2), r.logn(380, 0.35), r.poisson(1.5), r.bern(0.08), r.bern(0.15), r.logn(60, 0.7))
	}},
	{"low_and_slow", 0.45, func(r *sampler) Features {
		return r.features(r.poisson(1), r.logn(25, 0.7), 2+r.poisson(3), r.bern(0.04), r.bern(0.2), r.logn(450, 0.3))
	}},
}

// pick draws an index with probability proportional to weights.
func pick(r *rand.Rand, weights func(i int) float64, n int) int {
	var total float64
	for i := range n {
		total += weights(i)
	}
	u := r.Float64() * total
	for i := range n - 1 {
		if u -= weights(i); u < 0 {
			return i
		}
	}
	return n - 1
}
