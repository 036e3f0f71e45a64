package rules

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"

	"gopkg.in/yaml.v3"
)

//go:embed builtin/*.yaml
var builtinFS embed.FS

// maxRuleFile bounds a rules file: rule sets are hand-written, and a
// multi-megabyte file is a mistake (or an attempt to make Load slow).
const maxRuleFile = 4 << 20

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:-]*$`)

// Load compiles the embedded rule set (when builtin is set) followed by
// the given files. Every problem found is reported, each naming the file,
// the rule id and the field.
func Load(builtin bool, files ...string) (*Engine, error) {
	var srcs []source
	if builtin {
		b, err := builtinSources()
		if err != nil {
			return nil, err
		}
		srcs = b
	}
	for _, f := range files {
		data, err := readFile(f)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, source{name: f, data: data})
	}
	return compile(srcs)
}

type source struct {
	name string
	data []byte
}

func builtinSources() ([]source, error) {
	names, err := fs.Glob(builtinFS, "builtin/*.yaml")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	out := make([]source, 0, len(names))
	for _, n := range names {
		data, err := builtinFS.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("read embedded %s: %w", n, err)
		}
		out = append(out, source{name: n, data: data})
	}
	return out, nil
}

func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxRuleFile+1))
	if err != nil {
		return nil, fmt.Errorf("load rules %q: %w", name, err)
	}
	if len(data) > maxRuleFile {
		return nil, fmt.Errorf("load rules %q: larger than %d bytes", name, maxRuleFile)
	}
	return data, nil
}

// compile decodes and compiles every source, collecting all errors.
func compile(srcs []source) (*Engine, error) {
	var rs []*compiledRule
	var pres [][]clause
	var errs []error
	seen := map[string]string{}
	for _, s := range srcs {
		specs, err := decodeFile(s.name, s.data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for i := range specs {
			r, pre, err := compileRule(&specs[i], s.name)
			if err == nil {
				err = checkDuplicate(seen, r.ID, s.name)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: rule %s: %w", s.name, ruleName(&specs[i], i), err))
				continue
			}
			rs, pres = append(rs, r), append(pres, pre)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return newEngine(rs, pres), nil
}

func checkDuplicate(seen map[string]string, id, file string) error {
	if prev, ok := seen[id]; ok {
		return fmt.Errorf("id: duplicate id, first defined in %s", prev)
	}
	seen[id] = file
	return nil
}

func ruleName(s *ruleSpec, i int) string {
	if s.ID != "" {
		return fmt.Sprintf("%q", s.ID)
	}
	return fmt.Sprintf("#%d (no id)", i+1)
}

// decodeFile parses one file strictly: unknown keys and wrong types are
// errors, located by line and rule.
func decodeFile(name string, data []byte) ([]ruleSpec, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f fileSpec
	err := decodeOne(dec, &f)
	if err != nil {
		return nil, yamlError(name, data, err)
	}
	if len(f.Rules) == 0 {
		return nil, fmt.Errorf("%s: no rules (want a list under \"rules:\")", name)
	}
	return f.Rules, nil
}

// decodeOne decodes the single document of a file and turns a panic in the
// YAML library into an error.
func decodeOne(dec *yaml.Decoder, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return fmt.Errorf("more than one YAML document; put every rule under one \"rules:\" list")
	}
	return nil
}

// base names the file in messages the way users wrote it.
func base(name string) string { return path.Clean(name) }
