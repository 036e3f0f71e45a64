package api

import (
	"encoding/json"
	"reflect"
	"strings"
)

// schemaGen builds JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses) from
// Go types by reflection: named structs become components referenced by
// $ref, fields take their names from the json tags, a field is required
// unless tagged omitempty or omitzero, pointers and slices may be null,
// and a `doc` tag becomes the description. A type may describe itself
// with a jsonSchema method (see BatchResult).
type schemaGen struct {
	defs  map[string]any
	names map[reflect.Type]string
}

func newSchemaGen() *schemaGen {
	return &schemaGen{defs: map[string]any{}, names: map[reflect.Type]string{}}
}

// selfDescribing types write their own schema.
type selfDescribing interface {
	jsonSchema(g *schemaGen) map[string]any
}

var (
	rawMessageType = reflect.TypeFor[json.RawMessage]()
	selfType       = reflect.TypeFor[selfDescribing]()
)

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

// schema returns the schema of t, registering named structs.
func (g *schemaGen) schema(t reflect.Type) map[string]any {
	switch {
	case t.Kind() == reflect.Pointer:
		return nullable(g.schema(t.Elem()))
	case t.Implements(selfType):
		return g.named(t, func() map[string]any { return reflect.Zero(t).Interface().(selfDescribing).jsonSchema(g) })
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == durationType:
		return map[string]any{"type": "integer", "description": "nanoseconds"}
	case t == rawMessageType:
		return map[string]any{"description": "any JSON value"}
	}
	switch t.Kind() {
	case reflect.Struct:
		return g.named(t, func() map[string]any { return g.object(t) })
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	}
	return primitive(t)
}

func primitive(t reflect.Type) map[string]any {
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	}
	return map[string]any{}
}

// nullable lets a schema also be null.
func nullable(s map[string]any) map[string]any {
	if typ, ok := s["type"].(string); ok {
		out := map[string]any{}
		for k, v := range s {
			out[k] = v
		}
		out["type"] = []string{typ, "null"}
		return out
	}
	return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
}

// named registers a named type once under a unique component name and
// returns a reference to it; anonymous types are inlined.
func (g *schemaGen) named(t reflect.Type, build func() map[string]any) map[string]any {
	if t.Name() == "" {
		return build()
	}
	name, ok := g.names[t]
	if !ok {
		name = g.uniqueName(t)
		g.names[t] = name
		g.defs[name] = map[string]any{} // placeholder, for recursive types
		g.defs[name] = build()
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

func (g *schemaGen) uniqueName(t reflect.Type) string {
	name := t.Name()
	if _, taken := g.defs[name]; taken {
		pkg := t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:]
		name = strings.ToUpper(pkg[:1]) + pkg[1:] + name
	}
	return name
}

// object is the schema of a struct's JSON fields, embedded structs
// flattened.
func (g *schemaGen) object(t reflect.Type) map[string]any {
	props, required := map[string]any{}, []string{}
	g.fields(t, props, &required)
	s := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

func (g *schemaGen) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			g.fields(f.Type, props, required)
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = g.field(f)
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			*required = append(*required, name)
		}
	}
}

func (g *schemaGen) field(f reflect.StructField) map[string]any {
	s := g.schema(f.Type)
	if f.Type.Kind() == reflect.Slice && f.Type != rawMessageType {
		s = nullable(s)
	}
	doc := f.Tag.Get("doc")
	if doc == "" {
		return s
	}
	if _, isRef := s["$ref"]; isRef {
		return map[string]any{"allOf": []any{s}, "description": doc}
	}
	out := map[string]any{"description": doc}
	for k, v := range s {
		out[k] = v
	}
	return out
}

// queryParams documents a query parameter struct.
func (g *schemaGen) queryParams(q any) []any {
	t := reflect.TypeOf(q).Elem()
	var out []any
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("query")
		if name == "" {
			continue
		}
		p := map[string]any{"name": name, "in": "query", "schema": g.schema(f.Type)}
		if f.Type == timeType {
			p["schema"] = map[string]any{"type": "string", "format": "date-time"}
		}
		if f.Type == durationType {
			p["schema"] = map[string]any{"type": "string", "description": "a Go duration such as 15m, 1h or 24h"}
		}
		if doc := f.Tag.Get("doc"); doc != "" {
			p["description"] = doc
		}
		out = append(out, p)
	}
	return out
}
