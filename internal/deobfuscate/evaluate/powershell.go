package evaluate

import (
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/vigilsec/vigil/internal/deobfuscate"
)

// psRow is the part of a powershell_scripts.jsonl row the evaluation uses.
type psRow struct {
	Text       string   `json:"text"`
	SHA256     string   `json:"sha256"`
	Obfuscated bool     `json:"obfuscated"`
	PairOf     string   `json:"pair_of"`
	Files      []string `json:"files"`
}

// technique names the Invoke-Obfuscation technique of an obfuscated row
// from its file name ("<sha>-obf-out-encodedhexcommand.ps1").
func technique(files []string) string {
	for _, f := range files {
		if _, t, ok := strings.Cut(filepath.Base(f), "-obf-out-"); ok {
			return strings.TrimSuffix(t, filepath.Ext(t))
		}
	}
	return "unknown"
}

// PowerShellPairs deobfuscates every obfuscated script of the corpus at
// path whose original is present and compares it with that original. The
// baseline compares the obfuscated text itself with the original.
func PowerShellPairs(path string, lim deobfuscate.Limits) (Report, error) {
	var obf []psRow
	want := map[string]string{}
	err := eachRow(path, func(r psRow) {
		if r.Obfuscated {
			obf = append(obf, r)
			want[r.PairOf] = ""
		}
	})
	if err != nil {
		return Report{}, err
	}
	found := map[string]bool{}
	err = eachRow(path, func(r psRow) {
		if _, ok := want[r.SHA256]; ok && !r.Obfuscated {
			want[r.SHA256], found[r.SHA256] = r.Text, true
		}
	})
	if err != nil {
		return Report{}, err
	}
	rep := Report{Name: "powershell invoke-obfuscation pairs", MaxInput: lim.MaxInput}
	deobOriginal := map[string]string{}
	for sha := range found {
		deobOriginal[sha] = deobfuscate.RunLimits(want[sha], lim).Deobfuscated
	}
	var outs []outcome
	for _, r := range obf {
		if !found[r.PairOf] {
			rep.Skipped++
			continue
		}
		res := deobfuscate.RunLimits(r.Text, lim)
		orig := want[r.PairOf]
		outs = append(outs, outcome{id: r.SHA256, group: technique(r.Files), limit: res.Limit,
			in: r.Text, got: res.Deobfuscated, want: orig, wantDeob: deobOriginal[r.PairOf],
			exact: strings.TrimSpace(res.Deobfuscated) == strings.TrimSpace(orig)})
	}
	// Similarities are computed after every pipeline run, so the
	// pipeline's time budget never competes with this CPU-heavy work.
	measure(outs, func(o *outcome) {
		o.sim, o.baseline = Similarity(o.got, o.want), Similarity(o.in, o.want)
		o.simDeob = Similarity(o.got, o.wantDeob)
	})
	rep.summarize(outs)
	return rep, nil
}

// measure runs fn on every outcome, on all CPUs.
func measure(outs []outcome, fn func(*outcome)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(&outs[i])
			}
		}()
	}
	for i := range outs {
		next <- i
	}
	close(next)
	wg.Wait()
}
