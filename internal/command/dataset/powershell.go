package dataset

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// PowerShellFile holds PowerShell scripts with a benign/malicious label.
const PowerShellFile = "powershell/powershell_scripts.jsonl"

// maxScriptLines bounds the command-like lines taken from benign scripts,
// so they thicken the thin Windows benign side without swamping it, and
// perScript spreads them over many scripts.
const (
	maxScriptLines = 4000
	perScript      = 2
)

// noiseVerb matches test-harness and logging calls (Assert-Equal,
// Write-Verbose ...), which are not commands anyone types.
var noiseVerb = regexp.MustCompile(`^(\$[A-Za-z_][\w:]*\s*=\s*)?(Assert|Write|Should|Run|Execute|Invoke-Pester|Mock)-?`)

// cmdletLine matches a line that starts with a cmdlet call (Verb-Noun),
// optionally assigned to a variable: the shape of an administrator's
// PowerShell command line.
var cmdletLine = regexp.MustCompile(`^(\$[A-Za-z_][\w:]*\s*=\s*)?[A-Z][a-z]+-[A-Z][A-Za-z]+(\s|$)`)

// PowerShellBenignLines returns command-like lines (cmdlet calls of 15 to
// 300 bytes) from the benign scripts of powershell_scripts.jsonl as Benign
// examples, grouped by script. Only benign scripts are read: the malicious
// ones are the unit42 corpus again.
func PowerShellBenignLines(dir string) ([]Example, error) {
	f, err := os.Open(filepath.Join(dir, PowerShellFile))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Example
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), maxLine*4)
	for sc.Scan() && len(out) < maxScriptLines {
		var r struct{ Text, Label, SHA256 string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, err
		}
		if r.Label != "benign" {
			continue
		}
		taken := 0
		for _, line := range strings.Split(r.Text, "\n") {
			line = strings.TrimSpace(line)
			if taken == perScript || len(out) == maxScriptLines {
				break
			}
			if len(line) < 15 || len(line) > 300 || !cmdletLine.MatchString(line) || noiseVerb.MatchString(line) || seen[Key(line)] {
				continue
			}
			taken++
			seen[Key(line)] = true
			out = append(out, Example{Command: line, Class: Benign, Source: "mpsd-benign-lines",
				Group: "mpsd:" + r.SHA256, Policy: PolicyPowerShellLines})
		}
	}
	return out, sc.Err()
}
