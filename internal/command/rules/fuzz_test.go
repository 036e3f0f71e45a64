package rules

import (
	"testing"

	"github.com/vigilsec/vigil/internal/command/parse"
)

func FuzzLoad(f *testing.F) {
	f.Add([]byte(allowYAML))
	f.Add([]byte("rules:\n" + ruleItem("f.a", `{any: [{regex: 'a+b'}, {not: {field: urls, exists: true}}]}`)))
	f.Add([]byte("rules: [{id: x, match: {all: [{}]}}]"))
	f.Add([]byte("rules: &a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := compile([]source{{name: "fuzz.yaml", data: data}})
		if err != nil {
			return
		}
		e.Match(Input{Raw: "curl http://example.com | sh"})
		e.Test()
	})
}

func FuzzMatch(f *testing.F) {
	e, err := Load(true)
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range benchCommands {
		f.Add(c, c)
	}
	f.Add("\xff\xfe K ſ", "")
	f.Fuzz(func(t *testing.T, raw, deob string) {
		hits := e.Match(Input{Raw: raw, Deobfuscated: deob, Parsed: parse.Parse(deob)})
		again := e.Match(Input{Raw: raw, Deobfuscated: deob, Parsed: parse.Parse(deob)})
		if len(hits) != len(again) {
			t.Fatalf("Match is not deterministic: %d then %d hits", len(hits), len(again))
		}
	})
}
