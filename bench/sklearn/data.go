package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/vigilsec/vigil/internal/ml/vec"
)

var classes = []string{"normal", "dos", "probe", "r2l", "u2r"}

// categorical columns of NSL-KDD, ordinal-encoded by sorted training vocabulary.
var categorical = []int{1, 2, 3}

type dataset struct {
	X *vec.Dense
	y []int
}

func load(dir string) (train, test *dataset, err error) {
	family, err := attackFamilies(filepath.Join(dir, "Attack Types.csv"))
	if err != nil {
		return nil, nil, err
	}
	trRows, err := readCSV(filepath.Join(dir, "KDDTrain+.txt"))
	if err != nil {
		return nil, nil, err
	}
	teRows, err := readCSV(filepath.Join(dir, "KDDTest+.txt"))
	if err != nil {
		return nil, nil, err
	}
	vocab := map[int][]string{}
	for _, c := range categorical {
		var vs []string
		for _, r := range trRows {
			vs = append(vs, r[c])
		}
		slices.Sort(vs)
		vocab[c] = slices.Compact(vs)
	}
	train, err = encode(trRows, vocab, family)
	if err == nil {
		test, err = encode(teRows, vocab, family)
	}
	return train, test, err
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return csv.NewReader(f).ReadAll()
}

func attackFamilies(path string) (map[string]int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, line := range strings.FieldsFunc(string(b), func(r rune) bool { return r == '\n' || r == '\r' }) {
		name, fam, ok := strings.Cut(line, ",")
		if i := slices.Index(classes, strings.TrimSpace(fam)); ok && i >= 0 {
			out[name] = i
		}
	}
	out["normal"] = 0
	return out, nil
}

func encode(rows [][]string, vocab map[int][]string, family map[string]int) (*dataset, error) {
	d := &dataset{X: vec.NewDense(len(rows), 41)}
	for i, r := range rows {
		label, ok := family[r[41]]
		if !ok {
			label = 1 // attacks new in the test set: the bulk are DoS variants
			if fam, ok := newAttacks[r[41]]; ok {
				label = fam
			}
		}
		d.y = append(d.y, label)
		for j := range 41 {
			v, err := value(r[j], vocab[j])
			if err != nil {
				return nil, fmt.Errorf("row %d col %d: %w", i, j, err)
			}
			d.X.Row(i)[j] = v
		}
	}
	return d, nil
}

// newAttacks are KDDTest+ labels absent from Attack Types.csv, with the
// families given by the NSL-KDD documentation.
var newAttacks = map[string]int{
	"apache2": 1, "mailbomb": 1, "processtable": 1, "udpstorm": 1,
	"mscan": 2, "saint": 2,
	"httptunnel": 4, "ps": 4, "sqlattack": 4, "xterm": 4,
	"named": 3, "sendmail": 3, "snmpgetattack": 3, "snmpguess": 3, "worm": 3, "xlock": 3, "xsnoop": 3,
}

func value(s string, vocab []string) (float32, error) {
	if vocab != nil {
		i, found := slices.BinarySearch(vocab, s)
		if !found {
			return -1, nil
		}
		return float32(i), nil
	}
	v, err := strconv.ParseFloat(s, 32)
	return float32(v), err
}
