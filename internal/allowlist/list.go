package allowlist

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/vigilsec/vigil/internal/store"
)

// Detector is the detector name the command rules apply to; rules with no
// detector apply to every one.
const Detector = "command"

// List is the live set of allow rules. It is safe for concurrent use.
type List struct {
	mu    sync.RWMutex
	rules []*compiled
}

// compiled is one rule ready to match, with its unflushed hits.
type compiled struct {
	rule  store.AllowRule
	re    *regexp.Regexp // nil for an exact-text rule
	exact string         // the pattern with white space collapsed
	hits  atomic.Int64
}

// New returns an empty list.
func New() *List { return &List{} }

func compile(r store.AllowRule) (*compiled, error) {
	c := &compiled{rule: r}
	if !r.Regex {
		c.exact = collapse(r.Pattern)
		return c, nil
	}
	re, err := regexp.Compile(r.Pattern)
	if err != nil {
		return nil, fmt.Errorf("allow rule %s: %w", r.ID, err)
	}
	c.re = re
	return c, nil
}

// Add compiles a rule and adds it (replacing one with the same ID).
func (l *List) Add(r store.AllowRule) error {
	c, err := compile(r)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, old := range l.rules {
		if old.rule.ID == r.ID {
			c.hits.Store(old.hits.Load())
			l.rules[i] = c
			return nil
		}
	}
	l.rules = append(l.rules, c)
	return nil
}

// Len returns the number of rules.
func (l *List) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.rules)
}

// Find returns the rule with this exact pattern, if there is one.
func (l *List) Find(pattern string, regex bool) (store.AllowRule, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, c := range l.rules {
		if c.rule.Pattern == pattern && c.rule.Regex == regex {
			return c.rule, true
		}
	}
	return store.AllowRule{}, false
}

// Match returns the first rule for detector that matches one of texts,
// counting a hit on it.
func (l *List) Match(detector string, texts ...string) (store.AllowRule, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, c := range l.rules {
		if c.rule.Detector != "" && c.rule.Detector != detector {
			continue
		}
		for _, t := range texts {
			if c.matches(t) {
				c.hits.Add(1)
				return c.rule, true
			}
		}
	}
	return store.AllowRule{}, false
}

func (c *compiled) matches(text string) bool {
	if c.re != nil {
		return c.re.MatchString(text)
	}
	return collapse(text) == c.exact
}

// PatternFor returns the regular expression an allow rule for command
// uses: the command's words, escaped, separated by any white space and
// anchored at both ends, so it matches that command and nothing longer.
func PatternFor(command string) string {
	words := strings.Fields(command)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return `^\s*` + strings.Join(words, `\s+`) + `\s*$`
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
