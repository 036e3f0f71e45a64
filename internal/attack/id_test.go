package attack

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"technique", "T1059", "T1059", true},
		{"sub-technique", "T1059.001", "T1059.001", true},
		{"lower-case t", "t1059.001", "T1059.001", true},
		{"sigma tag", "attack.t1059.001", "T1059.001", true},
		{"sigma tag, any case", "ATTACK.T1003", "T1003", true},
		{"unknown but well formed", "T9999", "T9999", true},
		{"unknown lower-case sub-technique", "t9999.042", "T9999.042", true},
		{"tactic tag", "attack.execution", "", false},
		{"tactic id", "TA0002", "", false},
		{"group tag", "attack.g0016", "", false},
		{"bare prefix", "attack.", "", false},
		{"double prefix", "attack.attack.t1059", "", false},
		{"empty", "", "", false},
		{"no letter", "1059", "", false},
		{"three digits", "T105", "", false},
		{"five digits", "T10590", "", false},
		{"short sub-technique", "T1059.1", "", false},
		{"long sub-technique", "T1059.0001", "", false},
		{"sub-technique zero", "T1059.000", "", false},
		{"dash separator", "T1059-001", "", false},
		{"trailing dot", "T1059.", "", false},
		{"leading space", " T1059", "", false},
		{"trailing space", "T1059.001 ", "", false},
		{"sign", "T+059", "", false},
		{"non-ASCII digits", "T١٠٥٩", "", false},
		{"full-width letter", "Ｔ1059", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Normalize(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Normalize(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParent(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"sub-technique", "T1059.001", "T1059"},
		{"technique is its own parent", "T1059", "T1059"},
		{"tag form", "attack.t1003.001", "T1003"},
		{"unknown sub-technique", "t9999.001", "T9999"},
		{"invalid", "attack.execution", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Parent(tt.in); got != tt.want {
				t.Errorf("Parent(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestKeyString(t *testing.T) {
	tests := []struct {
		k    key
		want string
	}{
		{1059000, "T1059"},
		{1059001, "T1059.001"},
		{7000, "T0007"},
		{9999999, "T9999.999"},
	}
	for _, tt := range tests {
		if got := tt.k.String(); got != tt.want {
			t.Errorf("key(%d).String() = %q, want %q", tt.k, got, tt.want)
		}
	}
}
