package dataset

import (
	"fmt"
	"path/filepath"
	"strings"
)

// labelNames maps the label spellings of the supported files to classes.
var labelNames = map[string]Class{
	"benign": Benign, "suspicious": Suspicious, "suspicious_inherit": Suspicious,
	"context_dependent": Suspicious, "malicious": Malicious,
}

// ParseLabel reads a class name in any supported spelling ("Benign",
// "malicious", "Context_Dependent" ...).
func ParseLabel(s string) (Class, bool) {
	c, ok := labelNames[strings.ToLower(strings.TrimSpace(s))]
	return c, ok
}

// ReadLabelled reads an evaluation file: JSONL with "command" and "label"
// (and optionally "technique"), or CSV with a header naming command,
// label and/or mitre_id (the Genos splits). Rows without a known label
// are Unlabelled; rows without a technique have Technique "".
func ReadLabelled(path string) ([]Example, error) {
	var out []Example
	add := func(cmd, label, tech string, line int) error {
		if strings.TrimSpace(cmd) == "" {
			return nil
		}
		c, ok := ParseLabel(label)
		if !ok {
			if label != "" {
				return fmt.Errorf("unknown label %q (want Benign, Suspicious, Malicious or Context_Dependent)", label)
			}
			c = Unlabelled
		}
		if !strings.HasPrefix(strings.ToUpper(tech), "T") {
			tech = ""
		}
		out = append(out, Example{Command: cmd, Class: c, Technique: strings.ToUpper(tech), Source: filepath.Base(path)})
		return nil
	}
	var err error
	if strings.HasSuffix(strings.ToLower(path), ".csv") {
		line := 1
		err = readCSV(path, func(row map[string]string) error {
			line++
			return add(row["command"], row["label"], row["mitre_id"], line)
		})
	} else {
		line := 0
		err = readJSONL(path, func(r record) error {
			line++
			return add(r.Command, r.Label, r.Technique, line)
		})
	}
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no commands", path)
	}
	return out, nil
}
