package attack

import (
	"slices"
	"testing"
)

func TestLookupGolden(t *testing.T) {
	tests := []struct {
		name, id string
		want     Technique
	}{
		{"technique", "T1059", Technique{ID: "T1059", Name: "Command and Scripting Interpreter", Tactics: []string{"Execution"}}},
		{"sub-technique", "T1059.001", Technique{ID: "T1059.001", Name: "PowerShell", Tactics: []string{"Execution"}, Parent: "T1059"}},
		{"lower-case t", "t1059.001", Technique{ID: "T1059.001", Name: "PowerShell", Tactics: []string{"Execution"}, Parent: "T1059"}},
		{"sigma tag", "attack.t1059.001", Technique{ID: "T1059.001", Name: "PowerShell", Tactics: []string{"Execution"}, Parent: "T1059"}},
		{"credential access", "T1003.001", Technique{ID: "T1003.001", Name: "LSASS Memory", Tactics: []string{"Credential Access"}, Parent: "T1003"}},
		{"tactics in kill-chain order", "T1078", Technique{ID: "T1078", Name: "Valid Accounts", Tactics: []string{"Initial Access", "Persistence", "Privilege Escalation", "Defense Evasion"}}},
		{"revoked", "T1086", Technique{ID: "T1086", Name: "PowerShell", Tactics: []string{"Execution"}, Revoked: true}},
		{"deprecated", "T1053.004", Technique{ID: "T1053.004", Name: "Launchd", Tactics: []string{"Execution", "Persistence", "Privilege Escalation"}, Parent: "T1053", Deprecated: true}},
		{"newer id, prefix stripped", "T1685.001", Technique{ID: "T1685.001", Name: "Disable or Modify Windows Event Log", Tactics: []string{"Defense Impairment"}, Parent: "T1685"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Lookup(tt.id)
			if !ok || !equalTechnique(got, tt.want) {
				t.Errorf("Lookup(%q) = %+v, %v\nwant %+v", tt.id, got, ok, tt.want)
			}
		})
	}
}

func equalTechnique(a, b Technique) bool {
	return a.ID == b.ID && a.Name == b.Name && slices.Equal(a.Tactics, b.Tactics) &&
		a.Parent == b.Parent && a.Revoked == b.Revoked && a.Deprecated == b.Deprecated
}

func TestLookupMisses(t *testing.T) {
	for _, id := range []string{"", "T9999", "T1059.999", "T1685.003", "attack.execution", "TA0002", "T1059.1", "1059"} {
		if got, ok := Lookup(id); ok || got.ID != "" {
			t.Errorf("Lookup(%q) = %+v, true; want a miss", id, got)
		}
	}
}

func TestLookupOrParent(t *testing.T) {
	tests := []struct {
		name, id, want string
		ok             bool
	}{
		{"known sub-technique is itself", "T1059.001", "T1059.001", true},
		{"unknown sub-technique falls back", "T1059.999", "T1059", true},
		{"gap in newer ids falls back", "attack.t1685.003", "T1685", true},
		{"unknown parent", "T9999.001", "", false},
		{"unknown technique does not guess", "T9999", "", false},
		{"not an id", "attack.execution", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := LookupOrParent(tt.id)
			if got.ID != tt.want || ok != tt.ok {
				t.Errorf("LookupOrParent(%q) = %q, %v; want %q, %v", tt.id, got.ID, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestFullName(t *testing.T) {
	tests := []struct {
		name string
		te   Technique
		want string
	}{
		{"technique", mustLookup(t, "T1059"), "Command and Scripting Interpreter"},
		{"sub-technique", mustLookup(t, "T1003.001"), "OS Credential Dumping: LSASS Memory"},
		{"hand-built sub-technique", Technique{ID: "T1059.999", Name: "Future", Parent: "T1059"}, "Command and Scripting Interpreter: Future"},
		{"hand-built, unknown parent", Technique{ID: "T9999.001", Name: "Future", Parent: "T9999"}, "Future"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.te.FullName(); got != tt.want {
				t.Errorf("FullName() = %q, want %q", got, tt.want)
			}
		})
	}
}

func mustLookup(t *testing.T, id string) Technique {
	t.Helper()
	te, ok := Lookup(id)
	if !ok {
		t.Fatalf("Lookup(%q) missed", id)
	}
	return te
}

// TestHotPathsDoNotAllocate holds the promise the detectors rely on.
func TestHotPathsDoNotAllocate(t *testing.T) {
	te := mustLookup(t, "T1059.001")
	calls := map[string]func(){
		"Lookup canonical":  func() { Lookup("T1059.001") },
		"Lookup tag":        func() { Lookup("attack.t1059.001") },
		"Lookup miss":       func() { Lookup("T9999") },
		"LookupOrParent":    func() { LookupOrParent("T1059.999") },
		"Normalize tag":     func() { Normalize("attack.t1003.001") },
		"Normalize unknown": func() { Normalize("T9999.001") },
		"Parent":            func() { Parent("t1059.001") },
		"FullName":          func() { _ = te.FullName() },
		"Ref":               func() { _ = te.Ref() },
	}
	for name, f := range calls {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocs per call, want 0", name, n)
		}
	}
}
