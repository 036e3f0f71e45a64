package dataset

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// maxLine bounds one JSONL record (the longest unit42 line is ~40 KiB).
const maxLine = 4 << 20

// record is the union of the fields the commands corpora use.
type record struct {
	Command   string `json:"command"`
	Technique string `json:"technique"`
	Source    string `json:"source"`
	Label     string `json:"label"`
	Page      string `json:"page"`
	DualUse   bool   `json:"dual_use_tool"`
	Binary    string `json:"binary"`
	Family    string `json:"family"`
	TestGUID  string `json:"test_guid"`
}

// readJSONL calls fn for every record of a JSONL file.
func readJSONL(file string, fn func(r record) error) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for line := 1; sc.Scan(); line++ {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("%s:%d: %w", file, line, err)
		}
		if err := fn(r); err != nil {
			return fmt.Errorf("%s:%d: %w", file, line, err)
		}
	}
	return sc.Err()
}

// readCSV calls fn for every data row of a CSV file with a header, giving
// the cells by column name.
func readCSV(file string, fn func(row map[string]string) error) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", file, err)
	}
	for line := 2; ; line++ {
		cells, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", file, line, err)
		}
		row := make(map[string]string, len(head))
		for i, h := range head {
			if i < len(cells) {
				row[h] = strings.TrimRight(cells[i], "\r")
			}
		}
		if err := fn(row); err != nil {
			return fmt.Errorf("%s:%d: %w", file, line, err)
		}
	}
}

// executable returns the lower-cased base name of a command's first word,
// the coarse template key of the documentation sources.
func executable(cmd string) string {
	f := strings.Fields(cmd)
	if len(f) == 0 {
		return ""
	}
	w := f[0]
	if (w == "sudo" || w == "env" || w == "time" || w == "nohup") && len(f) > 1 {
		w = f[1]
	}
	w = strings.Trim(strings.ToLower(w), `"'&(`)
	w = path.Base(strings.ReplaceAll(w, `\`, "/"))
	return strings.TrimSuffix(w, ".exe")
}

// parentTechnique rolls a sub-technique up to its parent ("T1059.001" →
// "T1059") and upper-cases the id.
func parentTechnique(id string) string {
	id = strings.ToUpper(strings.TrimSpace(id))
	if i := strings.IndexByte(id, '.'); i > 0 {
		id = id[:i]
	}
	return id
}
