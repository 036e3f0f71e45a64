package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
)

// buildOpenAPI writes the OpenAPI 3.1 document of the route table.
func (s *Server) buildOpenAPI() ([]byte, error) {
	g := newSchemaGen()
	problem := g.schema(typeOf[Problem]())
	paths := map[string]map[string]any{}
	for _, rt := range s.routes {
		if paths[rt.path] == nil {
			paths[rt.path] = map[string]any{}
		}
		paths[rt.path][strings.ToLower(rt.method)] = s.operation(g, rt, problem)
	}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "vigil API", "version": s.version,
			"description": "Detection service: scan command lines, manage alerts, keys and allow rules. Errors are RFC 9457 problem+json with a stable code."},
		"paths": paths,
		"components": map[string]any{
			"schemas": g.defs,
			"securitySchemes": map[string]any{
				"bearer":        map[string]any{"type": "http", "scheme": "bearer", "description": "an API key: Authorization: Bearer vgl_..."},
				"apiKey":        map[string]any{"type": "apiKey", "in": "header", "name": "X-API-Key"},
				"internalToken": map[string]any{"type": "apiKey", "in": "header", "name": InternalTokenHeader},
			},
		},
	}
	return json.MarshalIndent(doc, "", "  ")
}

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// operation describes one route.
func (s *Server) operation(g *schemaGen, rt route, problem map[string]any) map[string]any {
	op := map[string]any{"summary": rt.summary, "tags": []string{rt.tag}, "operationId": operationID(rt),
		"responses": s.responses(g, rt, problem)}
	if rt.doc != "" {
		op["description"] = rt.doc
	}
	var params []any
	for _, m := range pathParam.FindAllStringSubmatch(rt.path, -1) {
		params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
	}
	if rt.query != nil {
		params = append(params, g.queryParams(rt.query)...)
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if rt.body != nil {
		op["requestBody"] = map[string]any{"required": true,
			"content": map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(rt.body))}}}
	}
	if sec := security(rt.auth); sec != nil {
		op["security"] = sec
	}
	if rt.auth == authScan || rt.auth == authAdmin {
		op["x-vigil-scope"] = rt.auth
	}
	return op
}

func (s *Server) responses(g *schemaGen, rt route, problem map[string]any) map[string]any {
	status := rt.status
	if status == 0 {
		status = http.StatusOK
	}
	ok := map[string]any{"description": http.StatusText(status)}
	switch {
	case rt.resp != nil:
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(rt.resp))}}
	case rt.contentType != "":
		ok["content"] = map[string]any{rt.contentType: map[string]any{"schema": map[string]any{"type": "string"}}}
	}
	out := map[string]any{strconv.Itoa(status): ok}
	for _, code := range append(rt.errs, http.StatusInternalServerError) {
		out[strconv.Itoa(code)] = map[string]any{"description": http.StatusText(code),
			"content": map[string]any{"application/problem+json": map[string]any{"schema": problem}}}
	}
	return out
}

func security(auth string) []any {
	switch auth {
	case authScan, authAdmin:
		return []any{map[string]any{"bearer": []string{}}, map[string]any{"apiKey": []string{}}}
	case authInternal:
		return []any{map[string]any{}, map[string]any{"internalToken": []string{}}}
	}
	return nil
}

// operationID is the route's method and path as one identifier, e.g.
// post_v1_alerts_id_ack.
func operationID(rt route) string {
	p := strings.NewReplacer("/", "_", "{", "", "}", "", "-", "_", ".", "_").Replace(rt.path)
	return strings.ToLower(rt.method) + strings.TrimRight(p, "_")
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(s.openapi)
	return err
}
