package rules

import (
	"strings"
	"testing"
)

func TestLoadValidation(t *testing.T) {
	const ok = `    title: t
    level: low
    action: allow
    examples: {positive: [a], negative: [b]}
`
	tests := []struct {
		name string
		body string
		want []string // substrings of the error
	}{
		{"unknown rule key", "rules:\n  - id: u.key\n    titel: t\n" + ok + "    match: {contains: a}\n",
			[]string{"rules.yaml", "line 3", `rule "u.key"`, `unknown key "titel" in rule`}},
		{"unknown match key", "rules:\n  - id: u.match\n" + ok + "    match: {field: raw, regexp: a}\n",
			[]string{`rule "u.match"`, `unknown key "regexp" in match`}},
		{"bad regex", "rules:\n  - id: bad.re\n" + ok + "    match: {all: [{contains: a}, {regex: '(a'}]}\n",
			[]string{`rule "bad.re"`, "match.all[1].regex", "missing closing )"}},
		{"look-around is rejected by RE2", "rules:\n  - id: bad.look\n" + ok + "    match: {regex: 'a(?!b)'}\n",
			[]string{`rule "bad.look"`, "match.regex"}},
		{"unknown field", "rules:\n  - id: bad.field\n" + ok + "    match: {field: exe, equals: ls}\n",
			[]string{`rule "bad.field"`, "match.field", `unknown field "exe"`}},
		{"unknown action", "rules:\n  - id: bad.action\n    title: t\n    level: low\n    action: block\n    match: {contains: a}\n    examples: {positive: [a], negative: [b]}\n",
			[]string{`rule "bad.action"`, "action:", `unknown action "block"`}},
		{"unknown level", "rules:\n  - id: bad.level\n    title: t\n    level: severe\n    action: allow\n    match: {contains: a}\n    examples: {positive: [a], negative: [b]}\n",
			[]string{`rule "bad.level"`, "level:", `unknown level "severe"`}},
		{"missing negative examples", "rules:\n  - id: no.neg\n    title: t\n    level: low\n    action: allow\n    match: {contains: a}\n    examples: {positive: [a]}\n",
			[]string{`rule "no.neg"`, "examples.negative: missing"}},
		{"two operators in one node", "rules:\n  - id: two.ops\n" + ok + "    match: {contains: a, regex: b}\n",
			[]string{"match: regex and contains cannot be combined"}},
		{"empty any", "rules:\n  - id: empty.any\n" + ok + "    match: {any: []}\n",
			[]string{"match.any: empty list"}},
		{"duplicate id", "rules:\n  - id: dup\n" + ok + "    match: {contains: a}\n  - id: dup\n" + ok + "    match: {contains: b}\n",
			[]string{`rule "dup"`, "duplicate id"}},
		{"confidence out of range", "rules:\n  - id: conf\n    confidence: 1.5\n" + ok + "    match: {contains: a}\n",
			[]string{"confidence: 1.5 is outside 0..1"}},
		{"wrong type", "rules:\n  - id: typ\n    tags: attack.t1059\n" + ok + "    match: {contains: a}\n",
			[]string{"line 3", `rule "typ"`, "cannot unmarshal"}},
		{"no rules", "rules: []\n", []string{"no rules"}},
		{"not a mapping", "- a\n- b\n", []string{"rules.yaml", "cannot unmarshal"}},
		{"two documents", "rules:\n  - id: a\n" + ok + "    match: {contains: a}\n---\nrules: []\n", []string{"more than one YAML document"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(false, writeRules(t, tt.body))
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestLoadReportsEveryBadRule(t *testing.T) {
	body := "rules:\n" + ruleItem("a.one", `{regex: '('}`) + ruleItem("a.two", `{field: nope, contains: x}`)
	_, err := Load(false, writeRules(t, body))
	if err == nil || !strings.Contains(err.Error(), "a.one") || !strings.Contains(err.Error(), "a.two") {
		t.Fatalf("want both rules named, got %v", err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	if _, err := Load(false, "/nonexistent/rules.yaml"); err == nil {
		t.Fatal("want an error for a missing file")
	}
}

func TestBuiltinRulesAreWellFormed(t *testing.T) {
	e, err := Load(true)
	if err != nil {
		t.Fatal(err)
	}
	rs := e.Rules()
	if len(rs) < 150 {
		t.Errorf("builtin set has %d rules, want at least 150", len(rs))
	}
	for _, r := range rs {
		if !strings.HasPrefix(r.ID, "vigil.cmd.") {
			t.Errorf("%s: builtin ids start with vigil.cmd.", r.ID)
		}
		if r.Action != BenignSafe && !hasTechnique(r.Tags) {
			t.Errorf("%s: no ATT&CK technique tag (attack.tNNNN)", r.ID)
		}
	}
}

func hasTechnique(tags []string) bool {
	for _, t := range tags {
		if strings.HasPrefix(t, "attack.t") && len(t) > len("attack.t") && t[len("attack.t")] >= '0' && t[len("attack.t")] <= '9' {
			return true
		}
	}
	return false
}
