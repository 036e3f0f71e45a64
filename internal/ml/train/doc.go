// Package train holds the model-agnostic pieces of a gradient-descent
// training loop: the AdamW optimiser, learning-rate schedules (linear warmup
// then cosine decay), global-norm gradient clipping and early stopping.
//
// The pieces work on flat float32 parameter tensors (Param) and plain step
// and epoch counters, so the linear models here and a future neural trainer
// (GoMLX) share the same schedule and early-stopping semantics.
package train
