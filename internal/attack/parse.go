package attack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// file is the layout of catalogue.json (see gen/main.go). A technique row is
// [id, name, [tactic indexes], "revoked"?, "deprecated"?].
type file struct {
	Source     string              `json:"source"`
	Notice     string              `json:"notice"`
	Tactics    []string            `json:"tactics"`
	Techniques [][]json.RawMessage `json:"techniques"`
}

// parse decodes and checks a catalogue: canonical ids in strictly ascending
// order, parents before their sub-techniques, known tactics and flags.
func parse(data []byte) (*catalogue, error) {
	var f file
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("decode catalogue: %w", err)
	}
	if dec.More() {
		return nil, errors.New("decode catalogue: trailing data")
	}
	if len(f.Tactics) == 0 || len(f.Techniques) == 0 {
		return nil, errors.New("catalogue: no tactics or no techniques")
	}
	c := &catalogue{source: f.Source, tactics: f.Tactics}
	sets := map[string][]string{} // shares equal tactic lists
	for n, r := range f.Techniques {
		if err := c.add(r, sets); err != nil {
			return nil, fmt.Errorf("catalogue row %d: %w", n, err)
		}
	}
	return c, nil
}

// add decodes one row and appends it.
func (c *catalogue) add(r []json.RawMessage, sets map[string][]string) error {
	if len(r) < 3 || len(r) > 5 {
		return fmt.Errorf("%d fields, want 3 to 5", len(r))
	}
	var t Technique
	var idx []int
	if err := unmarshalAll([]any{&t.ID, &t.Name, &idx}, r[:3]); err != nil {
		return err
	}
	k, err := c.checkID(t.ID)
	if err != nil {
		return err
	}
	if t.Name == "" {
		return fmt.Errorf("%s: empty name", t.ID)
	}
	if t.Tactics, err = c.tacticSet(idx, sets); err != nil {
		return fmt.Errorf("%s: %w", t.ID, err)
	}
	if err := setFlags(&t, r[3:]); err != nil {
		return fmt.Errorf("%s: %w", t.ID, err)
	}
	c.append(t, k)
	return nil
}

func unmarshalAll(dst []any, raw []json.RawMessage) error {
	for i, v := range dst {
		if err := json.Unmarshal(raw[i], v); err != nil {
			return fmt.Errorf("field %d: %w", i, err)
		}
	}
	return nil
}

// checkID accepts a canonical id that sorts after the last row and, for a
// sub-technique, follows its parent.
func (c *catalogue) checkID(id string) (key, error) {
	k, ok := parseKey(id)
	if !ok || id[0] != 'T' || len(id) != 5 && len(id) != 9 {
		return 0, fmt.Errorf("id %q is not canonical", id)
	}
	if n := len(c.keys); n > 0 && c.keys[n-1] >= k {
		return 0, fmt.Errorf("id %s out of order", id)
	}
	if _, ok := c.index(k.parent()); k.isSub() && !ok {
		return 0, fmt.Errorf("id %s: parent missing", id)
	}
	return k, nil
}

// tacticSet maps tactic indexes to names; they must be ascending (kill-chain
// order) and in range.
func (c *catalogue) tacticSet(idx []int, sets map[string][]string) ([]string, error) {
	if len(idx) == 0 {
		return nil, errors.New("no tactics")
	}
	names := make([]string, len(idx))
	for i, x := range idx {
		if x < 0 || x >= len(c.tactics) || i > 0 && x <= idx[i-1] {
			return nil, fmt.Errorf("tactic indexes %v out of range or order", idx)
		}
		names[i] = c.tactics[x]
	}
	k := strings.Join(names, "\x00")
	if s, ok := sets[k]; ok {
		return s, nil
	}
	sets[k] = names
	return names, nil
}

func setFlags(t *Technique, raw []json.RawMessage) error {
	for _, r := range raw {
		var f string
		if err := json.Unmarshal(r, &f); err != nil {
			return fmt.Errorf("flag: %w", err)
		}
		switch {
		case f == "revoked" && !t.Revoked:
			t.Revoked = true
		case f == "deprecated" && !t.Deprecated:
			t.Deprecated = true
		default:
			return fmt.Errorf("flag %q unknown or repeated", f)
		}
	}
	return nil
}

// append adds a checked technique, linking a sub-technique to its parent.
func (c *catalogue) append(t Technique, k key) {
	full := t.Name
	if k.isSub() {
		p, _ := c.index(k.parent())
		t.Parent = c.techs[p].ID
		full = c.techs[p].Name + ": " + t.Name
	}
	c.techs = append(c.techs, t)
	c.keys = append(c.keys, k)
	c.full = append(c.full, full)
}
