package training

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Progress reports work done in a named stage; total may be 0 when
// unknown. It may be called from several goroutines.
type Progress func(stage string, done, total int)

// forEach calls fn(worker, i) for i in [0, n) on GOMAXPROCS goroutines;
// worker is the goroutine's index, for per-goroutine scratch space.
func forEach(n int, stage string, prog Progress, fn func(worker, i int)) {
	workers := workers(n)
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(w, i)
				if d := done.Add(1); prog != nil && (d%1024 == 0 || int(d) == n) {
					prog(stage, int(d), n)
				}
			}
		}()
	}
	wg.Wait()
}

func workers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n)) }
