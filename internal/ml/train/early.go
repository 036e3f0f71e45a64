package train

// EarlyStopping tracks a validation score where higher is better (macro-F1,
// AUC, negative loss) and says when to stop: after Patience epochs without an
// improvement of more than MinDelta. The caller snapshots its weights when
// Observe reports an improvement and restores them at the end, so the model
// returned is the best one seen, not the last.
type EarlyStopping struct {
	Patience int
	MinDelta float64

	best      float64
	bestEpoch int
	seen      bool
	stale     int
}

// Observe records the score of an epoch and reports whether it is a new
// best and whether training should stop now.
func (e *EarlyStopping) Observe(epoch int, score float64) (improved, stop bool) {
	if !e.seen || score > e.best+e.MinDelta {
		e.best, e.bestEpoch, e.seen, e.stale = score, epoch, true, 0
		return true, false
	}
	e.stale++
	return false, e.Patience > 0 && e.stale >= e.Patience
}

// Best returns the best score and the epoch that produced it; ok is false
// before the first Observe.
func (e *EarlyStopping) Best() (score float64, epoch int, ok bool) {
	return e.best, e.bestEpoch, e.seen
}
