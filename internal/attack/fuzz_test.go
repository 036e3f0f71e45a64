package attack

import (
	"strings"
	"testing"
)

// FuzzNormalize checks the id functions agree with each other on any input:
// they never panic, Normalize is idempotent and canonical, Lookup finds only
// ids Normalize accepts, and Parent is a prefix of the canonical id.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"T1059", "t1059.001", "attack.T1003.001", "attack.execution",
		"T1059.000", "T9999.999", "ATTACK.t1685.003", "attack.", "T١٠٥٩", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		id, ok := Normalize(in)
		te, found := Lookup(in)
		if !ok {
			if found || Parent(in) != "" {
				t.Fatalf("%q rejected by Normalize but accepted by Lookup or Parent", in)
			}
			return
		}
		if again, ok2 := Normalize(id); !ok2 || again != id || !canonical(id) {
			t.Fatalf("Normalize(%q) = %q, not canonical or not idempotent (%q, %v)", in, id, again, ok2)
		}
		if found && te.ID != id {
			t.Fatalf("Lookup(%q).ID = %q, Normalize gave %q", in, te.ID, id)
		}
		if p := Parent(in); !strings.HasPrefix(id, p) || len(p) != 5 {
			t.Fatalf("Parent(%q) = %q, not the technique part of %q", in, p, id)
		}
		if lp, ok := LookupOrParent(in); found && (!ok || lp.ID != te.ID) {
			t.Fatalf("LookupOrParent(%q) = %q, %v; Lookup found %q", in, lp.ID, ok, te.ID)
		}
	})
}

func canonical(id string) bool {
	if len(id) != 5 && len(id) != 9 || id[0] != 'T' {
		return false
	}
	_, ok := parseKey(id)
	return ok
}
