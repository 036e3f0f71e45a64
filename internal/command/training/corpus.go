package training

import (
	"fmt"
	"slices"

	"github.com/vigilsec/vigil/internal/attack"
	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/dataset"
	"github.com/vigilsec/vigil/internal/command/rules"
)

// Row is a labelled example with the engine's analysis facts that the
// label policy and the features need.
type Row struct {
	dataset.Example
	an *command.Analysis
}

// policyOptions decides which atomic-red-team techniques are
// Discovery-only, from the embedded ATT&CK catalogue.
func policyOptions() dataset.Options {
	return dataset.Options{DiscoveryOnly: func(id string) bool {
		t, ok := attack.Lookup(id)
		return ok && len(t.Tactics) == 1 && t.Tactics[0] == "Discovery"
	}}
}

// LoadTier1 reads the three-class corpus under dir: commands.jsonl, the
// atomic-red-team auxiliary commands and the Genos gatekeeper split,
// deduplicated, then the cmdlet lines of benign PowerShell scripts that
// are not already in it (training rows only: see TrainTier1).
func LoadTier1(dir string) ([]dataset.Example, error) {
	o := policyOptions()
	cmds, err := o.Commands(dir)
	if err != nil {
		return nil, fmt.Errorf("commands: %w", err)
	}
	aux, err := dataset.Aux(dir)
	if err != nil {
		return nil, fmt.Errorf("atomic aux: %w", err)
	}
	gk, err := dataset.Gatekeeper(dir)
	if err != nil {
		return nil, fmt.Errorf("gatekeeper: %w", err)
	}
	core := dataset.Dedupe(slices.Concat(cmds, aux, gk))
	ps, err := dataset.PowerShellBenignLines(dir)
	if err != nil {
		return nil, fmt.Errorf("powershell scripts: %w", err)
	}
	seen := make(map[string]bool, len(core))
	for _, e := range core {
		seen[dataset.Key(e.Command)] = true
	}
	for _, e := range ps { // train-only rows: never relabel a corpus row
		if !seen[dataset.Key(e.Command)] {
			core = append(core, e)
		}
	}
	return core, nil
}

// Analyze runs the engine over rows, dropping those it refuses (empty or
// oversized) and applying the rule-aware half of the label policy:
// Discovery-only atomic tests on which a force_malicious or promote rule
// fires become Malicious, and auxiliary commands on which any non-benign
// rule fires are dropped. It returns the kept rows and counts per reason.
func Analyze(an *command.Analyzer, ex []dataset.Example, prog Progress) ([]Row, map[string]int) {
	rows := make([]Row, len(ex))
	forEach(len(ex), "analyse", prog, func(_, i int) {
		a, err := an.Analyze(ex[i].Command)
		if err == nil {
			rows[i] = Row{Example: ex[i], an: a}
		}
	})
	counts := map[string]int{}
	kept := rows[:0]
	for _, r := range rows {
		switch {
		case r.an == nil:
			counts["dropped: refused by the engine"]++
			continue
		case r.Policy == dataset.PolicyAtomicDiscovery && strongHit(r.an.Rules):
			r.Class, r.Policy = dataset.Malicious, dataset.PolicyAtomicDiscovery+"-promoted"
		case r.Policy == dataset.PolicyTldrDualUse && forcedHit(r.an.Rules):
			r.Class, r.Policy = dataset.Malicious, dataset.PolicyTldrDualUse+"-promoted"
		case r.Policy == dataset.PolicyAtomicAux && riskyHit(r.an.Rules):
			counts["dropped: aux command with a non-benign rule"]++
			continue
		}
		counts[r.Policy+" → "+r.Class.String()]++
		kept = append(kept, r)
	}
	return kept, counts
}

// forcedHit reports a force_malicious rule: an unambiguous attack
// (mimikatz sekurlsa, an LSASS dump), unlike a promote rule, which also
// fires on an aggressive but authorised scan.
func forcedHit(hits []rules.Hit) bool {
	return slices.ContainsFunc(hits, func(h rules.Hit) bool { return h.Action == rules.ForceMalicious })
}

func strongHit(hits []rules.Hit) bool {
	return slices.ContainsFunc(hits, func(h rules.Hit) bool {
		return h.Action == rules.ForceMalicious || h.Action == rules.Promote
	})
}

func riskyHit(hits []rules.Hit) bool {
	return slices.ContainsFunc(hits, func(h rules.Hit) bool {
		return h.Action != rules.BenignSafe && h.Action != rules.Allow
	})
}
