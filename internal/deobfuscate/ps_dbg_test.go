package deobfuscate
import ("testing";"time";"bufio";"os";"encoding/json";"path/filepath")
func TestDbg(t *testing.T) {
	f, _ := os.Open(filepath.Join(psDatasetDir(), "commands", "commands.jsonl"))
	sc := bufio.NewScanner(f); sc.Buffer(make([]byte, 1<<20), 4<<20)
	n := 0; shown := 0
	var total time.Duration
	for sc.Scan() {
		var row struct{ Command, Source string }
		if json.Unmarshal(sc.Bytes(), &row) != nil || row.Source != "unit42-psencmds" { continue }
		n++; if n > 1000 { break }
		st := time.Now(); r := Run(row.Command); d := time.Since(st); total += d
		if d > 10*time.Millisecond && shown < 4 { shown++
			t.Log(d, r.Stop, r.Passes, len(row.Command), len(r.Deobfuscated))
			for _, s := range r.Steps { t.Logf("  %d %s %.80q", s.Pass, s.Transform, s.After) }
		}
	}
	t.Log("avg", total/time.Duration(n))
}
