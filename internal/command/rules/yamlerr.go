package rules

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

var (
	unknownKeyRe = regexp.MustCompile(`^line (\d+): field (\S+) not found in type rules\.(\w+)$`)
	lineRe       = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	typeNames    = strings.NewReplacer("rules.condSpec", "match", "rules.ruleSpec", "rule",
		"rules.fileSpec", "file", "rules.Examples", "examples", "rules.strList", "string list")
)

// yamlError rewrites a decoding error so that each problem names the file,
// line, rule id and key.
func yamlError(name string, data []byte, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fmt.Errorf("%s: %s", name, typeNames.Replace(err.Error()))
	}
	locate := ruleLocator(data)
	errs := make([]error, 0, len(te.Errors))
	for _, msg := range te.Errors {
		errs = append(errs, fmt.Errorf("%s: %s", name, describe(msg, locate)))
	}
	return errors.Join(errs...)
}

func describe(msg string, locate func(int) string) string {
	if m := unknownKeyRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return fmt.Sprintf("line %d: %sunknown key %q in %s", line, locate(line), m[2], typeNames.Replace("rules."+m[3]))
	}
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return fmt.Sprintf("line %d: %s%s", line, locate(line), typeNames.Replace(m[2]))
	}
	return typeNames.Replace(msg)
}

// ruleLocator maps a line number to `rule "id": ` for the rule whose
// entry spans it, from a lenient parse of the file.
func ruleLocator(data []byte) func(int) string {
	var doc yaml.Node
	if yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc) != nil || len(doc.Content) == 0 {
		return func(int) string { return "" }
	}
	items := ruleItems(doc.Content[0])
	return func(line int) string {
		at := -1
		for i, it := range items {
			if it.Line <= line {
				at = i
			}
		}
		if at < 0 {
			return ""
		}
		if id := mapValue(items[at], "id"); id != "" {
			return fmt.Sprintf("rule %q: ", id)
		}
		return fmt.Sprintf("rule #%d: ", at+1)
	}
}

func ruleItems(root *yaml.Node) []*yaml.Node {
	if root.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "rules" && root.Content[i+1].Kind == yaml.SequenceNode {
			return root.Content[i+1].Content
		}
	}
	return nil
}

func mapValue(n *yaml.Node, key string) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1].Value
		}
	}
	return ""
}
