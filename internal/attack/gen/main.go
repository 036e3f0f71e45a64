//go:build ignore

// Command gen builds catalogue.json, the compact ATT&CK catalogue that package
// attack embeds, from the shared dataset attack/techniques.json.
//
// It keeps only what vigil needs: the id, the name (sub-technique names without
// the "Parent: " prefix some sources add), the tactics as indexes into a
// kill-chain-ordered tactic list, and the revoked/deprecated flags. Every
// technique of the dataset is kept. The output is deterministic, one technique
// per line, so a regeneration diff reads well.
//
// Usage (from internal/attack, see the go:generate line in doc.go):
//
//	go run ./gen/main.go [-in techniques.json] [-sources SOURCES.json] [-out catalogue.json]
//
// -in defaults to $VIGIL_DATA/attack/techniques.json, else the shared datasets
// beside the repository; -sources defaults to SOURCES.json in the dataset root.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// killChain is the enterprise tactic order. "stealth" and "defense-impairment"
// appear only on the newer ids the dataset took from atomic-red-team (ATT&CK
// split Defense Evasion after v18); they are placed where Defense Evasion is.
// A tactic missing from this table stops the generator: order is a human call.
var killChain = []struct{ short, name string }{
	{"reconnaissance", "Reconnaissance"},
	{"resource-development", "Resource Development"},
	{"initial-access", "Initial Access"},
	{"execution", "Execution"},
	{"persistence", "Persistence"},
	{"privilege-escalation", "Privilege Escalation"},
	{"defense-evasion", "Defense Evasion"},
	{"stealth", "Stealth"},
	{"defense-impairment", "Defense Impairment"},
	{"credential-access", "Credential Access"},
	{"discovery", "Discovery"},
	{"lateral-movement", "Lateral Movement"},
	{"collection", "Collection"},
	{"command-and-control", "Command and Control"},
	{"exfiltration", "Exfiltration"},
	{"impact", "Impact"},
}

const notice = "MITRE ATT&CK® data, © The MITRE Corporation. This work is reproduced and " +
	"distributed with the permission of The MITRE Corporation under the ATT&CK Terms of Use " +
	"(royalty-free licence; copies must keep MITRE's copyright designation and licence)."

var idRE = regexp.MustCompile(`^T[0-9]{4}(\.[0-9]{3})?$`)

type dataset struct {
	Source     string                               `json:"source"`
	Tactics    map[string]struct{ ID, Name string } `json:"tactics"`
	Techniques []technique                          `json:"techniques"`
}

type technique struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Tactics    []string `json:"tactics"`
	Sub        bool     `json:"is_subtechnique"`
	Revoked    bool     `json:"revoked"`
	Deprecated bool     `json:"deprecated"`
	Extra      string   `json:"source"` // set on ids not in the mitre/cti snapshot
}

type sourceEntry struct {
	Name, Repo, Commit, Date string
}

func main() {
	in := flag.String("in", defaultIn(), "techniques.json from the shared datasets")
	sources := flag.String("sources", "", "SOURCES.json (default: the dataset root of -in)")
	out := flag.String("out", "catalogue.json", "output file")
	flag.Parse()
	if *sources == "" {
		*sources = filepath.Join(filepath.Dir(filepath.Dir(*in)), "SOURCES.json")
	}
	if err := run(*in, *sources, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func defaultIn() string {
	if d := os.Getenv("VIGIL_DATA"); d != "" {
		return filepath.Join(d, "attack", "techniques.json")
	}
	return filepath.Join("..", "..", "..", "shared", "datasets", "attack", "techniques.json")
}

func run(in, sources, out string) error {
	var ds dataset
	if err := readJSON(in, &ds); err != nil {
		return err
	}
	src, err := provenance(sources, ds)
	if err != nil {
		return err
	}
	data, err := build(ds, src)
	if err != nil {
		return fmt.Errorf("build %s: %w", in, err)
	}
	return os.WriteFile(out, data, 0o644)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

// provenance names the snapshot: the mitre-cti entry of SOURCES.json.
func provenance(path string, ds dataset) (string, error) {
	var entries []sourceEntry
	if err := readJSON(path, &entries); err != nil {
		return "", err
	}
	i := slices.IndexFunc(entries, func(e sourceEntry) bool { return e.Name == "mitre-cti" })
	if i < 0 || len(entries[i].Commit) < 12 {
		return "", fmt.Errorf("%s: no mitre-cti entry with a commit", path)
	}
	e := entries[i]
	extra := 0
	for _, t := range ds.Techniques {
		if t.Extra != "" {
			extra++
		}
	}
	return fmt.Sprintf("%s, %s@%s (%s); %d newer ids named after atomic-red-team's index",
		ds.Source, e.Repo, e.Commit[:12], e.Date, extra), nil
}

// build renders the compact catalogue.
func build(ds dataset, src string) ([]byte, error) {
	names, index, err := tactics(ds)
	if err != nil {
		return nil, err
	}
	techs := slices.Clone(ds.Techniques)
	// Fixed-width ids make byte order the catalogue's order: by number, parents first.
	slices.SortFunc(techs, func(a, b technique) int { return strings.Compare(a.ID, b.ID) })
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\"source\":%s,\n\"notice\":%s,\n\"tactics\":[", quote(src), quote(notice))
	for i, n := range names {
		buf.WriteString(sep(i) + "\n" + quote(n))
	}
	buf.WriteString("],\n\"techniques\":[")
	byID := map[string]technique{}
	for i, t := range techs {
		line, err := row(t, byID, index)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.ID, err)
		}
		byID[t.ID] = t
		buf.WriteString(sep(i) + "\n" + line)
	}
	buf.WriteString("]}\n")
	return buf.Bytes(), nil
}

// tactics returns the display names in kill-chain order of every tactic the
// dataset lists or uses, and the index of each short name in that list.
func tactics(ds dataset) ([]string, map[string]int, error) {
	used := map[string]bool{}
	for s := range ds.Tactics {
		used[s] = true
	}
	for _, t := range ds.Techniques {
		for _, s := range t.Tactics {
			used[s] = true
		}
	}
	var names []string
	index := map[string]int{}
	for _, k := range killChain {
		if !used[k.short] {
			continue
		}
		name := k.name
		if d, ok := ds.Tactics[k.short]; ok && d.Name != "" {
			name = d.Name
		}
		index[k.short] = len(names)
		names = append(names, name)
	}
	for s := range used {
		if _, ok := index[s]; !ok {
			return nil, nil, fmt.Errorf("tactic %q is not in the kill-chain table of gen/main.go", s)
		}
	}
	return names, index, nil
}

// row renders one technique: ["T1059.001","PowerShell",[3],"revoked"?,"deprecated"?].
// byID holds the techniques already written (parents sort before children).
func row(t technique, byID map[string]technique, index map[string]int) (string, error) {
	if !idRE.MatchString(t.ID) {
		return "", errors.New("malformed id")
	}
	if _, dup := byID[t.ID]; dup {
		return "", errors.New("duplicate id")
	}
	if t.Sub != strings.Contains(t.ID, ".") {
		return "", errors.New("sub-technique flag disagrees with the id")
	}
	name, err := shortName(t, byID)
	if err != nil {
		return "", err
	}
	idx, err := tacticIndexes(t.Tactics, index)
	if err != nil {
		return "", err
	}
	fields := []string{quote(t.ID), quote(name), idx}
	if t.Revoked {
		fields = append(fields, `"revoked"`)
	}
	if t.Deprecated {
		fields = append(fields, `"deprecated"`)
	}
	return "[" + strings.Join(fields, ",") + "]", nil
}

// shortName drops a "Parent Name: " prefix from a sub-technique's name, the
// form atomic-red-team uses; mitre/cti names sub-techniques without it.
func shortName(t technique, byID map[string]technique) (string, error) {
	name := strings.TrimSpace(t.Name)
	if !t.Sub {
		if name == "" {
			return "", errors.New("empty name")
		}
		return name, nil
	}
	parent, ok := byID[t.ID[:5]]
	if !ok {
		return "", fmt.Errorf("parent %s missing", t.ID[:5])
	}
	name = strings.TrimPrefix(name, parent.Name+": ")
	if name == "" {
		return "", errors.New("empty name")
	}
	return name, nil
}

func tacticIndexes(short []string, index map[string]int) (string, error) {
	if len(short) == 0 {
		return "", errors.New("no tactics")
	}
	var idx []int
	for _, s := range short {
		i, ok := index[s]
		if !ok {
			return "", fmt.Errorf("unknown tactic %q", s)
		}
		if !slices.Contains(idx, i) {
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	b, _ := json.Marshal(idx)
	return string(b), nil
}

func sep(i int) string {
	if i == 0 {
		return ""
	}
	return ","
}

// quote renders s as a JSON string without HTML escaping.
func quote(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(buf.String(), "\n")
}
