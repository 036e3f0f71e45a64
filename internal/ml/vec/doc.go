// Package vec holds the two data representations vigil's models consume: a
// sparse vector (sorted indices with float32 values, the output of the hashed
// text features) and a row-major dense matrix (hand-made numeric features for
// the tree models and the scaler).
//
// Both are plain structs over slices so that callers can reuse their backing
// arrays on hot paths; nothing here allocates unless a method says so.
package vec
