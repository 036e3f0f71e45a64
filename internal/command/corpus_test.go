package command

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/vigilsec/vigil/internal/command/rules"
)

// datasetPath returns a file under $VIGIL_DATA (default: the shared
// datasets beside the repository), skipping the test when it is absent.
func datasetPath(t *testing.T, rel string) string {
	t.Helper()
	dir := os.Getenv("VIGIL_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "datasets")
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("dataset %s not found (set VIGIL_DATA): %v", p, err)
	}
	return p
}

// TestStrongRulesOnCorpus measures how often the rules that decide a
// verdict on their own (force_malicious, promote) fire, per source and
// label of the commands corpus: rarely on benign documentation commands,
// often on the malware and reverse-shell sources.
func TestStrongRulesOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test skipped in -short mode")
	}
	a := newTestAnalyzer(t)
	f, err := os.Open(datasetPath(t, "commands/commands.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total, strong := map[string]int{}, map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r struct{ Command, Label, Source string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		an, err := a.Analyze(r.Command)
		if err != nil {
			continue
		}
		k := r.Source + "/" + r.Label
		total[k]++
		if hasAction(an, rules.ForceMalicious) || hasAction(an, rules.Promote) {
			strong[k]++
		}
	}
	rate := func(k string) float64 { return float64(strong[k]) / float64(max(total[k], 1)) }
	for k := range total {
		t.Logf("%-36s n=%6d strong rule hits %5d (%.2f%%)", k, total[k], strong[k], 100*rate(k))
	}
	// tldr documents offensive tools too (arpspoof, mimikatz), which the
	// attack-tooling rules promote on purpose; the bound leaves room for those.
	for _, k := range []string{"tldr/benign", "nl2bash/benign"} {
		if rate(k) > 0.01 {
			t.Errorf("%s: strong rules fire on %.2f%% of benign commands, want under 1%%", k, 100*rate(k))
		}
	}
	if r := rate("quasarnix-templates/malicious"); r < 0.8 {
		t.Errorf("reverse-shell templates: strong rules fire on %.0f%%, want at least 80%%", 100*r)
	}
}
