// Package api is vigil's HTTP service: the detection routes (POST /v1/scan,
// the batch route and the Genos-compatible /scan), alerts and their
// live stream, keys, usage, health, Prometheus metrics, and an OpenAPI 3.1
// document generated from the Go request and response types (with a page
// that renders it at /docs, working offline).
//
// Every route is declared once, in routes.go, with its method, path, auth,
// body limit, types and documented errors; registration and the OpenAPI
// document both come from that table, and a test fails when a registered
// pattern is missing from the document. Handlers return errors; the route
// wrapper answers them as RFC 9457 problem+json with a stable code (see
// Problem), logging the cause of a 5xx under a request id and never sending
// it.
//
// The store stays off the scan path: API keys are cached for a short time
// after they authenticate, rate limits are in-memory token buckets per key,
// usage counts and allow-rule hits are flushed in batches, and alerts go
// through the bounded queue of package alerting. Allow rules made from false
// positives are applied live by package allowlist. docs/api.md describes the
// routes for users.
package api
