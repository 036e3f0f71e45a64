package attack

import (
	"strings"
	"testing"
)

// catalogueOf builds a catalogue.json text around technique rows.
func catalogueOf(rows ...string) string {
	return `{"source":"test","notice":"n","tactics":["Execution","Persistence"],"techniques":[` +
		strings.Join(rows, ",") + `]}`
}

func TestParseAccepts(t *testing.T) {
	c, err := parse([]byte(catalogueOf(
		`["T1059","Interpreter",[0]]`,
		`["T1059.001","PowerShell",[0,1],"deprecated","revoked"]`,
	)))
	if err != nil {
		t.Fatal(err)
	}
	sub := c.techs[1]
	if sub.Parent != "T1059" || !sub.Revoked || !sub.Deprecated || len(sub.Tactics) != 2 || c.full[1] != "Interpreter: PowerShell" {
		t.Errorf("parsed %+v, full name %q", sub, c.full[1])
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct{ name, data string }{
		{"not JSON", `{`},
		{"trailing data", catalogueOf(`["T1059","I",[0]]`) + `{}`},
		{"unknown field", `{"extra":1,` + catalogueOf(`["T1059","I",[0]]`)[1:]},
		{"no techniques", catalogueOf()},
		{"no tactics", `{"tactics":[],"techniques":[["T1059","I",[0]]]}`},
		{"short row", catalogueOf(`["T1059","I"]`)},
		{"long row", catalogueOf(`["T1059","I",[0],"revoked","deprecated","revoked"]`)},
		{"id not a string", catalogueOf(`[1059,"I",[0]]`)},
		{"lower-case id", catalogueOf(`["t1059","I",[0]]`)},
		{"tag id", catalogueOf(`["attack.T1059","I",[0]]`)},
		{"malformed id", catalogueOf(`["T1059.1","I",[0]]`)},
		{"duplicate id", catalogueOf(`["T1059","I",[0]]`, `["T1059","I",[0]]`)},
		{"unsorted", catalogueOf(`["T1060","I",[0]]`, `["T1059","I",[0]]`)},
		{"orphan sub-technique", catalogueOf(`["T1059.001","P",[0]]`)},
		{"empty name", catalogueOf(`["T1059","",[0]]`)},
		{"no tactic", catalogueOf(`["T1059","I",[]]`)},
		{"tactic out of range", catalogueOf(`["T1059","I",[2]]`)},
		{"negative tactic", catalogueOf(`["T1059","I",[-1]]`)},
		{"tactics out of order", catalogueOf(`["T1059","I",[1,0]]`)},
		{"repeated tactic", catalogueOf(`["T1059","I",[0,0]]`)},
		{"unknown flag", catalogueOf(`["T1059","I",[0],"retired"]`)},
		{"repeated flag", catalogueOf(`["T1059","I",[0],"revoked","revoked"]`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parse([]byte(tt.data)); err == nil {
				t.Errorf("parse accepted %s", tt.data)
			}
		})
	}
}
