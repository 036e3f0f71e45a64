package training

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/vigilsec/vigil/internal/httpreq"
	"github.com/vigilsec/vigil/internal/httpreq/dataset"
	"github.com/vigilsec/vigil/internal/httpreq/detect"
)

// FileEval is the detector's evaluation on one labelled set.
type FileEval struct {
	Name     string         `json:"name"`
	Rows     int            `json:"rows"`
	Skipped  int            `json:"skipped"`
	Deployed *Figures       `json:"deployed"`
	Linear   *Figures       `json:"linear"`
	Anomaly  *Figures       `json:"anomaly"`
	Types    map[string]int `json:"attack_types"`
	y        []int
	curves   map[string][]float64
}

// EvaluateRows scores labelled rows with the detector exactly as scan
// does, and each model alone (the linear model at the deployed threshold,
// the anomaly model at the 99.6th percentile of normal traffic).
func EvaluateRows(det *detect.Detector, name string, rows []Row, prog Progress) (*FileEval, error) {
	t := score(det, rows, prog, "evaluate")
	th := det.Models().Combine.Threshold
	e := &FileEval{Name: name, Rows: len(rows), Types: map[string]int{}, y: t.y,
		curves: map[string][]float64{"deployed": t.deployed, "linear": t.lin, "anomaly": t.an}}
	var err error
	if e.Deployed, err = figures(t.y, t.deployed, th); err != nil {
		return nil, err
	}
	if e.Linear, err = figures(t.y, t.lin, th); err != nil {
		return nil, err
	}
	if e.Anomaly, err = figures(t.y, t.an, 1-DefaultConfig().MaxFPR); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if v, err := det.Scan(r.Req); err == nil && v.Label == "attack" {
			typ := "null"
			if v.AttackType != nil {
				typ = *v.AttackType
			}
			e.Types[typ]++
		}
	}
	return e, nil
}

// HeldOutRows returns the distinct held-out CSIC requests of the datasets
// under dir.
func HeldOutRows(dir string, prog Progress) ([]Row, error) {
	all, err := dataset.LoadHTTP(dir)
	if err != nil {
		return nil, fmt.Errorf("load http.jsonl: %w", err)
	}
	_, held := dataset.CSICSplit(all)
	return prepare(held, prog), nil
}

// LabelledRows reads a JSONL file of requests (any shape ParseJSON reads)
// with a "label" field: "attack"/"normal" (also "malicious"/"benign",
// true/false, 1/0). Lines without a readable request or label are skipped
// and counted.
func LabelledRows(path string, prog Progress) ([]Row, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var ex []dataset.Example
	skipped := 0
	br := bufio.NewReaderSize(f, 1<<20)
	for {
		line, err := br.ReadBytes('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
			if e, ok := labelled(line); ok {
				ex = append(ex, e)
			} else {
				skipped++
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, err
		}
	}
	return prepare(ex, prog), skipped, nil
}

func labelled(line []byte) (dataset.Example, bool) {
	req, err := httpreq.ParseJSON(line, httpreq.DefaultLimits())
	if err != nil {
		return dataset.Example{}, false
	}
	var l struct {
		Label any `json:"label"`
	}
	if json.Unmarshal(line, &l) != nil {
		return dataset.Example{}, false
	}
	switch v := l.Label.(type) {
	case string:
		switch strings.ToLower(v) {
		case "attack", "malicious", "anomalous", "1", "true":
			return dataset.Example{Req: req, Label: dataset.Attack}, true
		case "normal", "benign", "0", "false":
			return dataset.Example{Req: req, Label: dataset.Normal}, true
		}
	case bool:
		return dataset.Example{Req: req, Label: boolInt(v)}, true
	case float64:
		if v == 0 || v == 1 {
			return dataset.Example{Req: req, Label: int(v)}, true
		}
	}
	return dataset.Example{}, false
}

// WriteMarkdown writes the evaluation as a Markdown table.
func (e *FileEval) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## HTTP detector on %s (%d requests, %d skipped; 95%% bootstrap CIs)\n\n", e.Name, e.Rows, e.Skipped)
	figureHeader(&b)
	figureRow(&b, "vigil (deployed)", e.Deployed)
	figureRow(&b, "linear model alone", e.Linear)
	figureRow(&b, "anomaly model alone", e.Anomaly)
	fmt.Fprintf(&b, "\nAttack types of the flagged requests: %s\n", counts(e.Types))
	_, err := io.WriteString(w, b.String())
	return err
}

// Write stores metrics.json, metrics.md and roc.png in dir.
func (e *FileEval) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(dir+"/metrics.json", append(b, '\n'), 0o644); err != nil {
		return err
	}
	var md strings.Builder
	if err := e.WriteMarkdown(&md); err != nil {
		return err
	}
	if err := os.WriteFile(dir+"/metrics.md", []byte(md.String()), 0o644); err != nil {
		return err
	}
	return WriteROC(dir+"/roc.png", "HTTP detector ROC ("+e.Name+")", e.y, e.curves)
}

// RequestRows reads a JSONL file of requests (any shape ParseJSON reads);
// a "label" field, when present and readable, is kept (rows default to
// normal). Unreadable lines are skipped and counted.
func RequestRows(path string, prog Progress) ([]Row, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var ex []dataset.Example
	skipped := 0
	br := bufio.NewReaderSize(f, 1<<20)
	for {
		line, err := br.ReadBytes('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
			if e, ok := labelled(line); ok {
				ex = append(ex, e)
			} else if req, perr := httpreq.ParseJSON(line, httpreq.DefaultLimits()); perr == nil {
				ex = append(ex, dataset.Example{Req: req})
			} else {
				skipped++
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, err
		}
	}
	return prepare(ex, prog), skipped, nil
}
