package training

import (
	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/dataset"
	"github.com/vigilsec/vigil/internal/command/detect"
)

// FileEval is the evaluation of a detector on one labelled file.
type FileEval struct {
	File     string     `json:"file"`
	Rows     int        `json:"rows"`
	Tier1    *Tier1Eval `json:"tier1,omitempty"`
	Tier2    *Tier2Eval `json:"tier2,omitempty"`
	Outcomes []Outcome  `json:"-"`
}

// EvaluateFile scans every command of a labelled file (see
// dataset.ReadLabelled) and computes the Tier-1 metrics over rows with a
// class and the Tier-2 metrics over rows with a technique. Every Benign
// row counts in the benign false-positive rate.
func EvaluateFile(det *detect.Detector, an *command.Analyzer, path string, prog Progress) (*FileEval, error) {
	ex, err := dataset.ReadLabelled(path)
	if err != nil {
		return nil, err
	}
	rows, _ := Analyze(an, ex, prog)
	fe := &FileEval{File: path, Rows: len(rows)}
	var labelled, teched []Row
	for _, r := range rows {
		if r.Class != dataset.Unlabelled {
			labelled = append(labelled, r)
		}
		if r.Technique != "" {
			teched = append(teched, r)
		}
	}
	if len(labelled) > 0 {
		fe.Outcomes = Outcomes(det, labelled, prog)
		for i := range fe.Outcomes {
			fe.Outcomes[i].BenignDoc = fe.Outcomes[i].True == int(dataset.Benign)
		}
		if fe.Tier1, err = EvaluateTier1(fe.Outcomes); err != nil {
			return nil, err
		}
	}
	if len(teched) > 0 {
		if fe.Tier2, err = EvaluateTier2(det, teched, prog); err != nil {
			return nil, err
		}
	}
	return fe, nil
}
