package rules

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// fileSpec is the YAML shape of a rules file; decoded with KnownFields so
// that a misspelt key is an error, not a silently ignored condition.
type fileSpec struct {
	Rules []ruleSpec `yaml:"rules"`
}

type ruleSpec struct {
	ID          string    `yaml:"id"`
	Title       string    `yaml:"title"`
	Description string    `yaml:"description"`
	Level       string    `yaml:"level"`
	Tags        []string  `yaml:"tags"`
	Action      string    `yaml:"action"`
	Confidence  *float64  `yaml:"confidence"`
	Keywords    []string  `yaml:"keywords"`
	Match       *condSpec `yaml:"match"`
	Examples    Examples  `yaml:"examples"`
}

// condSpec is one node of a match expression: a combinator (any, all, not)
// or a leaf (field plus exactly one operator).
type condSpec struct {
	Any []*condSpec `yaml:"any"`
	All []*condSpec `yaml:"all"`
	Not *condSpec   `yaml:"not"`

	Field         string   `yaml:"field"`
	Regex         *string  `yaml:"regex"`
	Contains      strList  `yaml:"contains"`
	StartsWith    strList  `yaml:"startswith"`
	EndsWith      strList  `yaml:"endswith"`
	Equals        *string  `yaml:"equals"`
	In            []string `yaml:"in"`
	Exists        *bool    `yaml:"exists"`
	CaseSensitive bool     `yaml:"case_sensitive"`
}

// strList accepts a scalar or a list of scalars; a list means "any of".
type strList []string

func (l *strList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*l = strList{n.Value}
		return nil
	case yaml.SequenceNode:
		var s []string
		if err := n.Decode(&s); err != nil {
			return err
		}
		if s == nil {
			s = []string{}
		}
		*l = s
		return nil
	}
	return fmt.Errorf("line %d: want a string or a list of strings", n.Line)
}
