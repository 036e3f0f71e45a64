package attack

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// The embedded catalogue keeps every dataset technique (846: 835 from
// ATT&CK v18.1 plus 11 newer ids), revoked and deprecated ones flagged.
const (
	wantTechniques = 846
	wantSubs       = 485
	wantRevoked    = 132
	wantDeprecated = 12
	maxEmbedBytes  = 48 << 10
)

var wantTactics = []string{
	"Reconnaissance", "Resource Development", "Initial Access", "Execution",
	"Persistence", "Privilege Escalation", "Defense Evasion", "Stealth",
	"Defense Impairment", "Credential Access", "Discovery", "Lateral Movement",
	"Collection", "Command and Control", "Exfiltration", "Impact",
}

func TestEmbeddedCatalogueLoads(t *testing.T) {
	if err := Err(); err != nil {
		t.Fatalf("embedded catalogue is corrupt: %v", err)
	}
	if n := len(embedded); n == 0 || n > maxEmbedBytes {
		t.Errorf("catalogue.json is %d bytes, want 1..%d", n, maxEmbedBytes)
	}
	if !strings.Contains(string(embedded), "The MITRE Corporation") {
		t.Error("catalogue.json lost MITRE's copyright notice")
	}
	if !strings.Contains(Source(), "mitre/cti") {
		t.Errorf("Source() = %q, want the mitre/cti snapshot", Source())
	}
	if got := Tactics(); !slices.Equal(got, wantTactics) {
		t.Errorf("Tactics() = %q\nwant %q", got, wantTactics)
	}
}

func TestEmbeddedCatalogueCounts(t *testing.T) {
	all := All()
	var subs, revoked, deprecated int
	for _, te := range all {
		subs += b2i(te.IsSub())
		revoked += b2i(te.Revoked)
		deprecated += b2i(te.Deprecated)
	}
	got := [4]int{len(all), subs, revoked, deprecated}
	want := [4]int{wantTechniques, wantSubs, wantRevoked, wantDeprecated}
	if got != want {
		t.Errorf("techniques, subs, revoked, deprecated = %v, want %v", got, want)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestAllIsSortedAndConsistent(t *testing.T) {
	all := All()
	for i, te := range all {
		if i > 0 && all[i-1].ID >= te.ID {
			t.Fatalf("All() not sorted: %s before %s", all[i-1].ID, te.ID)
		}
		if te.IsSub() != strings.Contains(te.ID, ".") || te.IsSub() && te.Parent != te.ID[:5] {
			t.Errorf("%s: parent %q", te.ID, te.Parent)
		}
		if !isKillChainOrdered(te.Tactics) {
			t.Errorf("%s: tactics %q not in kill-chain order", te.ID, te.Tactics)
		}
		if strings.Contains(te.Name, ": ") {
			t.Errorf("%s: name %q keeps a parent prefix", te.ID, te.Name)
		}
	}
}

func isKillChainOrdered(tactics []string) bool {
	last := -1
	for _, name := range tactics {
		i := slices.Index(wantTactics, name)
		if i <= last {
			return false
		}
		last = i
	}
	return len(tactics) > 0
}

func TestCopiesAreTheCallers(t *testing.T) {
	Tactics()[0] = "mutated"
	All()[0].Name = "mutated"
	if Tactics()[0] != "Reconnaissance" || All()[0].Name == "mutated" {
		t.Error("mutating a returned slice changed the catalogue")
	}
}

func TestRefJSON(t *testing.T) {
	te, _ := Lookup("T1059.001")
	b, err := json.Marshal(te.Ref())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"T1059.001","name":"Command and Scripting Interpreter: PowerShell","tactics":["Execution"]}`
	if string(b) != want {
		t.Errorf("Ref JSON = %s\nwant %s", b, want)
	}
}
