package rules

import (
	"fmt"
	"testing"
	"time"
)

func TestDebugPerRule(t *testing.T) {
	e, _ := Load(true)
	for _, c := range benchCommands[:5] {
		st := newMatchState(e.lits)
		st.reset(Input{Raw: c})
		var total time.Duration
		for _, r := range e.rules {
			t0 := time.Now()
			n := 200
			for range n {
				clear(st.lits)
				if st.prefilter(r.pre) {
					r.match.eval(st)
				}
			}
			d := time.Since(t0) / time.Duration(n)
			total += d
			if d > 500*time.Nanosecond {
				fmt.Printf("  %-50s %v pre=%v\n", r.ID, d, st.prefilter(r.pre))
			}
		}
		fmt.Println(total, c[:30])
	}
}
