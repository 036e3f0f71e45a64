package deobfuscate

import (
	"strconv"
	"strings"
	"testing"
)

// psencSpecialCharBody writes s in the layout of ENCODING\SPECIAL
// CHARACTERS ONLY, with the variable names given: a counter, ten digits,
// the "[char]" holder. The counter ends up holding "iex".
func psencSpecialCharBody(s string) string {
	c, ch := "${@}", "${;}"
	d := []string{"${(}", "${)}", "${!}", "${#}", "${%}", "${*}", "${-}", "${.}", "${/}", "${:}"}
	num := func(n int) string {
		var b strings.Builder
		for _, r := range strconv.Itoa(n) {
			b.WriteString(d[r-'0'])
		}
		return b.String()
	}
	var b strings.Builder
	b.WriteString(c + " = +$( ); " + d[0] + "=" + c + "; ")
	for i := 1; i < 10; i++ {
		b.WriteString(d[i] + " = ++" + c + "; ")
	}
	h := `"$(@{  })"`
	b.WriteString(ch + ` = "["+` + h + `[` + d[7] + `]+` + h + `["` + num(19) + `"]+` + h + `["` + d[2] + `"+"` + d[0] + `"]+"$?"[` + d[1] + `]+"]"; `)
	b.WriteString(c + ` = "".(` + h + `["` + num(14) + `"]+` + h + `["` + num(16) + `"]+` + h + `[` + d[0] + `]+` + h + `[` + d[4] + `]+"$?"[` + d[1] + `]+` + h + `[` + d[3] + `]); `)
	b.WriteString(c + ` = ` + h + `["` + num(14) + `"]+` + h + `[` + d[4] + `]+"` + c + `"["` + num(27) + `"]; `)
	var codes []string
	for _, r := range s {
		codes = append(codes, ch+num(int(r)))
	}
	b.WriteString(`"` + c + ` (` + strings.Join(codes, " + ") + `)" | .` + c)
	return b.String()
}

func psencSpecialCharCases() []transformCase {
	s := psencScript
	unknownMethod := psencLaunch(strings.Replace(psencSpecialCharBody("whoami"), `"".(`, `"".("$(@{})"[0]+`, 1))
	extra := psencLaunch(strings.Replace(psencSpecialCharBody("whoami"), `)" | .`, `) ; rm x" | .`, 1))
	doubling := `${a} = "$(@{})"; ` + strings.Repeat(`${a} = ${a} + ${a}; `, 24) + `"${a}" | .${a} ++`
	unknownVar := `${a} = ++${b}; "${a}" | .${a}`
	return []transformCase{
		{"launcher with escaped quotes", psencLaunch(psencSpecialCharBody(s)), s, true},
		{"bare script", psencSpecialCharBody("whoami"), "whoami", true},
		{"method other than Insert is not emulated", unknownMethod, unknownMethod, false},
		{"payload with more than an iex call", extra, extra, false},
		{"string doubling stops at the value cap", doubling, doubling, false},
		{"undefined variable", unknownVar, unknownVar, false},
		{"plain command", "$i++; ${env:temp}; @{a=1}", "$i++; ${env:temp}; @{a=1}", false},
	}
}

func TestPSEncSpecialChar(t *testing.T) {
	runTransformTable(t, PSEncSpecialChar, psencSpecialCharCases())
}

func TestPSEncSpecialCharCounterSteps(t *testing.T) {
	// The other counting style: ${d} = (${c} = ${c} + ${one}).
	in := strings.NewReplacer("${)} = ++${@}; ", "${)} = ++${@}; ${!} = (${@} = ${@} + ${)}); ", "${!} = ++${@}; ", "").Replace(psencSpecialCharBody("id"))
	if !strings.Contains(in, "${!} = (${@} = ${@} + ${)})") || strings.Contains(in, "${!} = ++") {
		t.Fatalf("sample not rewritten: %q", in)
	}
	if got, ok := PSEncSpecialChar(in); !ok || got != "id" {
		t.Fatalf("got %q %v", got, ok)
	}
}

func FuzzPSEncSpecialChar(f *testing.F) {
	var seeds []string
	for _, tc := range psencSpecialCharCases() {
		seeds = append(seeds, tc.in)
	}
	fuzzTransform(f, PSEncSpecialChar, seeds...)
}

func BenchmarkPSEncSpecialChar(b *testing.B) {
	benchTransform(b, PSEncSpecialChar, psencLaunch(psencSpecialCharBody(strings.Repeat(psencScript, 10))))
}
