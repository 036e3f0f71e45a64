package deobfuscate

import (
	"strconv"
	"strings"
	"testing"
)

// psencWhitespaceData encodes s the way ENCODING\WHITESPACE does: digit d
// as d+1 copies of mark, digits separated by one sep, characters by two.
func psencWhitespaceData(s, mark, sep string) string {
	var chars []string
	for _, r := range s {
		var digits []string
		for _, d := range strconv.Itoa(int(r)) {
			digits = append(digits, strings.Repeat(mark, int(d-'0')+1))
		}
		chars = append(chars, strings.Join(digits, sep))
	}
	return strings.Join(chars, sep+sep)
}

func psencWhitespaceCases() []transformCase {
	s := psencScript
	spaces := psencLaunch(`'` + psencWhitespaceData(s, "\t", " ") + `'| % {$x=$_ -split '  '|% {' ' ; $_.Split(' ')| % { $_.Length - 1 }}; &( ([string]''.IndexOf)[171,249,250]-join'')(-join(((-join($x[0..($x.Length-1)])).Trim('  ').Split(' ')| %{([char][int] $_)}))) }`)
	tabs := psencLaunch(`'` + psencWhitespaceData(s, " ", "\t") + "'| ForEach-Object{$y=$_ -CSplit '\t\t' | ForEach-Object { '\t'; $_.Split('\t')| ForEach-Object{ $_.Length - 1 } } ;& ( $ShellId[1]+$ShellId[13]+'x')(-join (( ([string]::Join('',$y[0..($y.Length-1)])).TrimStart('\t ').Split('\t')|ForEach-Object { ([char] [int] $_)}))) }")
	isplit := psencLaunch(`'` + psencWhitespaceData("whoami", "\t", " ") + `' | % { $z= $_ -ISplit '  ' |%{' ' ;$_ -ISplit ' '| % { $_.Length - 1 }} ; iex ([char[]][int[]] (-join ( $z[0..($z.Length-1)] ) ).Trim( '  ' ).Split( ' ' )-join '') }`)
	noInvoke := `'` + psencWhitespaceData("whoami", "\t", " ") + `' -split '  ' -split ' '`
	threeSpaces := `iex ('` + "\t\t   \t\t" + `' -split '  ' -split ' ')`
	return []transformCase{
		{"tabs as digits, spaces as separators", spaces, s, true},
		{"spaces as digits, tabs as separators", tabs, s, true},
		{"-isplit pair", isplit, "whoami", true},
		{"no invoke builder is left alone", noInvoke, noInvoke, false},
		{"three spaces in a row is not this encoding", threeSpaces, threeSpaces, false},
		{"plain command with a tab", "Get-Item\tC:\\ -split ','", "Get-Item\tC:\\ -split ','", false},
	}
}

func TestPSEncWhitespace(t *testing.T) { runTransformTable(t, PSEncWhitespace, psencWhitespaceCases()) }

func FuzzPSEncWhitespace(f *testing.F) {
	var seeds []string
	for _, tc := range psencWhitespaceCases() {
		seeds = append(seeds, tc.in)
	}
	fuzzTransform(f, PSEncWhitespace, seeds...)
}

func BenchmarkPSEncWhitespace(b *testing.B) {
	benchTransform(b, PSEncWhitespace, psencWhitespaceCases()[0].in)
}
