package deobfuscate_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigilsec/vigil/internal/deobfuscate"
	"github.com/vigilsec/vigil/internal/deobfuscate/evaluate"
)

type zzRow struct {
	Text       string   `json:"text"`
	SHA256     string   `json:"sha256"`
	Obfuscated bool     `json:"obfuscated"`
	PairOf     string   `json:"pair_of"`
	Files      []string `json:"files"`
}

func TestZZDump(t *testing.T) {
	fam := os.Getenv("ZZFAM")
	if fam == "" {
		t.Skip()
	}
	f, _ := os.Open("/work/shared/datasets/powershell/powershell_scripts.jsonl")
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<20), 64<<20)
	var obf []zzRow
	orig := map[string]string{}
	for sc.Scan() {
		var r zzRow
		json.Unmarshal(sc.Bytes(), &r)
		if r.Obfuscated {
			obf = append(obf, r)
		} else {
			orig[r.SHA256] = r.Text
		}
	}
	lim := deobfuscate.DefaultLimits()
	lim.MaxInput = 262144
	for _, r := range obf {
		tech := "?"
		for _, fn := range r.Files {
			if _, tt, ok := strings.Cut(filepath.Base(fn), "-obf-out-"); ok {
				tech = strings.TrimSuffix(tt, filepath.Ext(tt))
			}
		}
		o, ok := orig[r.PairOf]
		if !ok || (fam != "all" && tech != fam) {
			continue
		}
		res := deobfuscate.RunLimits(r.Text, lim)
		sim := evaluate.Similarity(res.Deobfuscated, o)
		id := r.SHA256[:8]
		fmt.Printf("%s %s %.4f in=%d got=%d want=%d\n", tech, id, sim, len(r.Text), len(res.Deobfuscated), len(o))
		dir := "/tmp/dbg/" + tech
		os.MkdirAll(dir, 0o755)
		os.WriteFile(dir+"/"+id+".in", []byte(r.Text), 0o644)
		os.WriteFile(dir+"/"+id+".got", []byte(res.Deobfuscated), 0o644)
		os.WriteFile(dir+"/"+id+".want", []byte(o), 0o644)
		var tr strings.Builder
		for _, s := range res.Steps {
			fmt.Fprintf(&tr, "%d %s\n  B: %q\n  A: %q\n", s.Pass, s.Transform, s.Before, s.After)
		}
		os.WriteFile(dir+"/"+id+".trace", []byte(tr.String()), 0o644)
	}
}
