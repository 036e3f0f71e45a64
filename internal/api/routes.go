package api

import (
	"net/http"
	"slices"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/store"
)

// Documented error statuses shared by groups of routes.
var (
	keyErrs   = []int{400, 401, 403, 413, 429, 503}
	adminErrs = []int{400, 401, 403, 404, 413, 429, 503}
)

// routeTable is every route the server answers. Registration and the
// OpenAPI document are both built from it.
func (s *Server) routeTable() []route {
	return slices.Concat(s.healthRoutes(), s.scanRoutes(), s.sessionRoutes(), s.httpRoutes(), s.adminRoutes(), s.uiRoutes())
}

func (s *Server) healthRoutes() []route {
	return []route{
		{method: "GET", path: "/livez", tag: "health", summary: "Liveness: the process answers",
			resp: Status{}, h: s.handleLivez},
		{method: "GET", path: "/readyz", tag: "health", summary: "Readiness: models warm and database reachable",
			doc:  "200 once the models are loaded and warmed and the database answers a ping; 503 not_ready before, 503 store_unavailable when the database does not answer.",
			resp: Status{}, errs: []int{503}, h: s.handleReadyz},
		{method: "GET", path: "/health", tag: "health", summary: "Genos-compatible health: ok or loading",
			doc: "Always 200; status is \"loading\" until the models are warm, then \"ok\".", resp: Health{}, h: s.handleHealth},
		{method: "GET", path: "/metrics", tag: "health", summary: "Prometheus metrics (text exposition format)",
			contentType: "text/plain; version=0.0.4", h: s.handleMetrics},
		{method: "GET", path: "/openapi.json", tag: "docs", summary: "This OpenAPI 3.1 document",
			contentType: "application/json", h: s.handleOpenAPI},
		{method: "GET", path: "/docs", tag: "docs", summary: "A page rendering the OpenAPI document (works offline)",
			contentType: "text/html; charset=utf-8", h: s.handleDocs},
	}
}

func (s *Server) scanRoutes() []route {
	return []route{
		{method: "POST", path: "/v1/scan", auth: authScan, tag: "scan", detector: true,
			summary: "Scan one command line", doc: "Returns the same verdict object as `vigil scan --format json`.",
			body: ScanRequest{}, resp: detect.Verdict{}, errs: keyErrs, h: s.handleScan},
		{method: "POST", path: "/v1/scan/batch", auth: authScan, tag: "scan", detector: true, limit: s.cfg.MaxBatchBodyBytes,
			summary: "Scan up to max_batch command lines",
			doc:     "Results come in input order; a command that cannot be scanned (empty, too large) yields an error object in its place. One request counts once against the rate limit; usage counts every command scanned.",
			body:    BatchRequest{}, resp: BatchResponse{}, errs: keyErrs, h: s.handleBatch},
		{method: "POST", path: "/scan", auth: authBody, tag: "genos", detector: true,
			summary: "Genos-compatible scan (API key in the body)",
			doc:     "The command may be Base64: it is decoded when it strictly decodes to UTF-8 text, else scanned as it is. Suspicious is reported as Context_Dependent with action requires_context; confidences are percentages.",
			body:    GenosRequest{}, resp: GenosVerdict{}, errs: keyErrs, h: s.handleGenosScan},
		{method: "POST", path: "/scan/internal", auth: authInternal, tag: "genos", detector: true,
			summary: "Genos-compatible scan without an API key, from loopback or with X-Internal-Token",
			body:    GenosInternalRequest{}, resp: GenosVerdict{}, errs: []int{400, 403, 413, 503}, h: s.handleInternalScan},
		{method: "GET", path: "/v1/usage", auth: authScan, tag: "keys", summary: "The calling key's usage per day",
			query: &UsageQuery{}, resp: UsageResponse{}, errs: keyErrs, h: s.handleUsage},
	}
}

func (s *Server) adminRoutes() []route {
	return []route{
		{method: "GET", path: "/v1/alerts", auth: authAdmin, tag: "alerts", summary: "List alerts, newest first",
			query: &AlertQuery{}, resp: store.AlertPage{}, errs: adminErrs, h: s.handleListAlerts},
		{method: "GET", path: "/v1/alerts/stream", auth: authAdmin, tag: "alerts",
			summary:     "Server-sent events of new alerts and status changes",
			doc:         "Events: `alert` (a new alert) and `status` (an alert's status changed), each with the alert as JSON in data and its id as the event id; a `: heartbeat` comment keeps the connection open. A client that falls behind its buffer gets an `end` event and is disconnected; re-list with GET /v1/alerts and reconnect.",
			contentType: "text/event-stream", errs: []int{401, 403, 429, 503}, h: s.handleStream},
		{method: "GET", path: "/v1/alerts/{id}", auth: authAdmin, tag: "alerts", summary: "One alert with its verdict as evidence",
			resp: store.Alert{}, errs: adminErrs, h: s.handleGetAlert},
		{method: "POST", path: "/v1/alerts/{id}/ack", auth: authAdmin, tag: "alerts", summary: "Acknowledge an alert",
			resp: store.Alert{}, errs: adminErrs, h: s.handleAck},
		{method: "POST", path: "/v1/alerts/{id}/false-positive", auth: authAdmin, tag: "alerts",
			summary: "Mark an alert a false positive and allow its command pattern",
			doc:     "Creates (or reuses) an allow rule for the alert's command: an anchored, escaped regular expression of its words. The rule applies at once to later scans, which turn Benign with reason allow_rule; its hits are counted.",
			resp:    FalsePositive{}, errs: adminErrs, h: s.handleFalsePositive},
		{method: "GET", path: "/v1/allow-rules", auth: authAdmin, tag: "alerts", summary: "List allow rules with their hit counts",
			resp: AllowRules{}, errs: adminErrs, h: s.handleAllowRules},
		{method: "GET", path: "/v1/stats", auth: authAdmin, tag: "alerts", summary: "Alerts over time by label, and top techniques",
			query: &StatsQuery{}, resp: StatsResponse{}, errs: adminErrs, h: s.handleStats},
		{method: "GET", path: "/v1/keys", auth: authAdmin, tag: "keys", summary: "List API keys (without secrets)",
			resp: KeyList{}, errs: adminErrs, h: s.handleListKeys},
		{method: "POST", path: "/v1/keys", auth: authAdmin, tag: "keys", summary: "Create an API key; the secret is in this response only",
			body: CreateKeyRequest{}, resp: CreatedKey{}, status: http.StatusCreated, errs: adminErrs, h: s.handleCreateKey},
		{method: "POST", path: "/v1/keys/{id}/revoke", auth: authAdmin, tag: "keys", summary: "Revoke an API key",
			resp: store.Key{}, errs: adminErrs, h: s.handleRevokeKey},
	}
}
