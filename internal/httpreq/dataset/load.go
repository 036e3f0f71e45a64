package dataset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/vigilsec/vigil/internal/httpreq"
)

// Sources as they appear in the data.
const (
	CSIC       = "csic2010"
	HttpParams = "httpparams"
	DeepXSS    = "deepxss"
	FWAF       = "fwaf-badqueries"
	Payloads   = "payloads"    // payloads.jsonl (PayloadsAllTheThings, fuzzdb)
	KaggleXSS  = "kaggle-xss"  // payloads_labeled.jsonl, xss-dataset-kaggle-copy
	KaggleSQL  = "kaggle-sql"  // payloads_labeled.jsonl, modified-sql-dataset-kaggle-copy
	CSICValues = "csic-values" // parameter values cut from training CSIC requests
)

// Labels of the binary task.
const (
	Normal = 0
	Attack = 1
)

// Example is one labelled request or fragment.
type Example struct {
	Req    *httpreq.Request
	Label  int
	Type   string // canonical attack type (see CanonicalType), "" when unknown
	Source string
	Split  string // the source's own split, if any
	// Origin is the source of the fragment a synthetic attack carries.
	Origin string
	// Key and HeldOut are set for CSIC requests.
	Key     string
	HeldOut bool
}

type httpRow struct {
	Method      string `json:"method"`
	Path        string `json:"path"`
	Query       string `json:"query"`
	Body        string `json:"body"`
	Label       string `json:"label"`
	AttackType  string `json:"attack_type"`
	Guess       string `json:"attack_type_guess"`
	Source      string `json:"source"`
	Split       string `json:"split"`
	Granularity string `json:"granularity"`
}

// LoadHTTP reads http/http.jsonl under dir. Headers are not kept: the CSIC
// Host header leaks the label and the other sources have none.
func LoadHTTP(dir string) ([]Example, error) {
	var out []Example
	err := eachLine(filepath.Join(dir, "http", "http.jsonl"), func(b []byte) error {
		var r httpRow
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		e := Example{
			Req:   &httpreq.Request{Method: r.Method, Path: r.Path, Query: r.Query, Body: r.Body},
			Label: labelOf(r.Label), Source: r.Source, Split: r.Split,
			Type: CanonicalType(r.AttackType),
		}
		if r.Source == CSIC {
			e.Key, e.HeldOut = Key(r.Method, r.Path, r.Query, r.Body)
			e.Type = csicType(r.Guess)
		}
		out = append(out, e)
		return nil
	})
	return out, err
}

func labelOf(s string) int {
	if s == "attack" {
		return Attack
	}
	return Normal
}

// eachLine calls fn for every non-empty line of a file.
func eachLine(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		if len(sc.Bytes()) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

type payloadRow struct {
	Text       string `json:"text"`
	Label      string `json:"label"`
	AttackType string `json:"attack_type"`
	Source     string `json:"source"`
}

// LoadPayloads reads http/payloads.jsonl (attack strings by category) and
// http/payloads_labeled.jsonl (Kaggle XSS and SQL copies, both labels), as
// fragments in the query.
func LoadPayloads(dir string) ([]Example, error) {
	var out []Example
	add := func(source string) func([]byte) error {
		return func(b []byte) error {
			var r payloadRow
			if err := json.Unmarshal(b, &r); err != nil {
				return err
			}
			src := source
			if src == "" {
				src = KaggleXSS
				if r.Source == "modified-sql-dataset-kaggle-copy" {
					src = KaggleSQL
				}
			}
			out = append(out, Example{Req: &httpreq.Request{Query: r.Text}, Label: labelOf(r.Label), Source: src, Type: CanonicalType(r.AttackType)})
			return nil
		}
	}
	if err := eachLine(filepath.Join(dir, "http", "payloads.jsonl"), add(Payloads)); err != nil {
		return nil, err
	}
	if err := eachLine(filepath.Join(dir, "http", "payloads_labeled.jsonl"), add("")); err != nil {
		return nil, err
	}
	return out, nil
}
