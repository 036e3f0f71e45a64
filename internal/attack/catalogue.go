package attack

import (
	_ "embed"
	"slices"
	"sync"
)

//go:embed catalogue.json
var embedded []byte

// catalogue is the parsed catalogue; techs is sorted by id.
type catalogue struct {
	source  string
	tactics []string
	techs   []Technique
	keys    []key    // keys[i] is the key of techs[i]
	full    []string // full[i] is the FullName of techs[i]
}

// loaded parses the embedded catalogue once. A parse error is a build bug
// (TestEmbeddedCatalogue fails); the package then behaves as if empty.
var loaded = sync.OnceValues(func() (*catalogue, error) { return parse(embedded) })

func load() *catalogue {
	c, err := loaded()
	if err != nil {
		return &catalogue{}
	}
	return c
}

// Err reports why the embedded catalogue failed to load; nil in a sound build.
// A service can check it at start-up.
func Err() error {
	_, err := loaded()
	return err
}

func (c *catalogue) index(k key) (int, bool) { return slices.BinarySearch(c.keys, k) }

// find looks an id up in any accepted form.
func (c *catalogue) find(id string) (int, bool) {
	k, ok := parseKey(id)
	if !ok {
		return 0, false
	}
	return c.index(k)
}

// Lookup returns the technique with the given id, in any form Normalize
// accepts ("T1059.001", "t1059.001", "attack.t1059.001"). A sub-technique the
// catalogue lacks is not found even when its parent is: see LookupOrParent.
func Lookup(id string) (Technique, bool) {
	c := load()
	if i, ok := c.find(id); ok {
		return c.techs[i], true
	}
	return Technique{}, false
}

// LookupOrParent is Lookup that falls back to the parent technique when id
// names a sub-technique the catalogue lacks (one newer than the snapshot).
// The returned ID says which was found.
func LookupOrParent(id string) (Technique, bool) {
	k, ok := parseKey(id)
	if !ok {
		return Technique{}, false
	}
	c := load()
	i, ok := c.index(k)
	if !ok && k.isSub() {
		i, ok = c.index(k.parent())
	}
	if !ok {
		return Technique{}, false
	}
	return c.techs[i], true
}

// All returns every technique, revoked and deprecated ones included, sorted by
// id. The slice is the caller's; the Tactics slices in it are shared.
func All() []Technique { return slices.Clone(load().techs) }

// Tactics returns the tactic display names in kill-chain order.
func Tactics() []string { return slices.Clone(load().tactics) }

// Source names the ATT&CK snapshot the catalogue was built from.
func Source() string { return load().source }
