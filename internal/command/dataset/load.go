package dataset

import (
	"path/filepath"
	"strings"
)

// Files under the dataset directory.
const (
	CommandsFile   = "commands/commands.jsonl"
	AuxFile        = "commands/atomic_red_team_aux.jsonl"
	GatekeeperFile = "commands/genos/gatekeeper_3class_val.csv"
	SpecialistFile = "commands/genos/specialist_%s.csv"
)

// Commands reads commands.jsonl under dir with the label policy applied.
func (o Options) Commands(dir string) ([]Example, error) {
	var out []Example
	err := readJSONL(filepath.Join(dir, CommandsFile), func(r record) error {
		if strings.TrimSpace(r.Command) == "" {
			return nil
		}
		c, pol, group := o.classify(r)
		out = append(out, Example{
			Command: r.Command, Class: c, Technique: strings.ToUpper(r.Technique),
			Source: r.Source, Group: group, Policy: pol, DualUse: r.DualUse,
		})
		return nil
	})
	return out, err
}

// Aux reads the atomic-red-team cleanup and prerequisite commands as
// Benign administration (see Policy).
func Aux(dir string) ([]Example, error) {
	var out []Example
	err := readJSONL(filepath.Join(dir, AuxFile), func(r record) error {
		if strings.TrimSpace(r.Command) == "" {
			return nil
		}
		out = append(out, Example{
			Command: r.Command, Class: Benign, Source: "atomic-red-team-aux",
			Group: "atomic-aux:" + r.Technique, Policy: PolicyAtomicAux,
		})
		return nil
	})
	return out, err
}

// Gatekeeper reads the Genos Tier-1 validation split, Context_Dependent
// mapped to Suspicious.
func Gatekeeper(dir string) ([]Example, error) {
	classes := map[string]Class{"Benign": Benign, "Context_Dependent": Suspicious, "Malicious": Malicious}
	var out []Example
	err := readCSV(filepath.Join(dir, GatekeeperFile), func(row map[string]string) error {
		c, ok := classes[row["label"]]
		if !ok || strings.TrimSpace(row["command"]) == "" {
			return nil
		}
		if c == Suspicious && row["original_label"] == "Benign" {
			return nil // Genos's rules relabelled these documentation rows
		}
		if row["original_label"] == "Malicious" && len(strings.Fields(row["command"])) == 1 {
			// Indicator keywords from Genos's keyword lists (an API name, a
			// path, a registry value: "NtWriteVirtualMemory", "~/Library",
			// "takeown"), not command lines; their labels say where the
			// keyword came from, not what a command does.
			return nil
		}
		tech := row["mitre_id"]
		if !strings.HasPrefix(tech, "T") {
			tech = ""
		}
		out = append(out, Example{
			Command: row["command"], Class: c, Technique: tech, Source: "genos-gatekeeper",
			Group:  "gatekeeper:" + Template(row["command"]),
			Policy: PolicyGatekeeper,
		})
		return nil
	})
	return out, err
}

// Specialist reads a Genos Tier-2 split ("train" or "val"): commands with
// one parent-level ATT&CK technique each and no verdict class.
func Specialist(dir, part string) ([]Example, error) {
	var out []Example
	err := readCSV(filepath.Join(dir, strings.Replace(SpecialistFile, "%s", part, 1)), func(row map[string]string) error {
		if strings.TrimSpace(row["command"]) == "" || row["mitre_id"] == "" {
			return nil
		}
		out = append(out, Example{
			Command: row["command"], Class: Unlabelled, Technique: strings.ToUpper(row["mitre_id"]),
			Source: "genos-specialist-" + part, Group: "specialist-" + part + ":" + row["mitre_id"],
			Policy: PolicySpecialist,
		})
		return nil
	})
	return out, err
}
