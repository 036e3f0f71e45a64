// Package nn is vigil's neural text classifier: a byte-level convolutional
// network trained with GoMLX and served by plain Go code, for command lines
// (Benign/Suspicious/Malicious) and other short strings such as HTTP request
// lines.
//
// # Architecture
//
// The input is the UTF-8 bytes of a string, truncated to Arch.MaxLen and
// padded with a 257th id. Each byte id is embedded (E values), one
// convolution layer with several widths (F filters each) runs over the
// sequence, a global max pool over the valid positions (window starts
// inside the string; the empty string keeps one window of padding) reduces
// each bank to F values, and a ReLU dense hidden layer feeds K logits.
// DefaultArch is 256 bytes, E 24, widths 2, 3, 5 with 64 filters and 64
// hidden units: 34 k parameters.
//
// # Training (GoMLX)
//
// Train builds one GoMLX graph per padded batch length (powers of two up to
// MaxLen) for a whole optimiser step: class-weighted softmax cross-entropy,
// gradients, global-norm clipping and AdamW with decoupled weight decay, so
// weights and optimiser moments stay on the backend between steps. Each
// convolution is written as shifted slices concatenated on the feature axis
// and one fused Dense: on GoMLX's Go backend its generic convolution was
// measured about 15× slower. The learning rate follows package train's linear
// warmup and cosine decay; after every epoch the weights are copied out,
// validation macro-F1 is scored with the pure-Go forward pass, and package
// train's EarlyStopping keeps the best epoch's weights. Initial weights and
// batch order depend only on Config.Seed, and two runs with the same seed
// give bit-identical weights on the Go backend.
//
// The backend defaults to GoMLX's pure-Go "go" backend with ops_sequential
// (see backendConfig: its default mode deadlocks now and again). Nothing
// here needs cgo or XLA.
//
// # Inference (pure Go)
//
// ByteCNN folds the embedding into the convolution: for width i, offset j
// and byte b it precomputes the row T[i][j][b] = embed[b]·conv[i][j] of F
// values (bias folded into j = 0), so a convolution output is a sum of w
// table rows and a string costs O(len × Σwidths × F) additions, with no
// multiplications before the dense layers. Forward does not allocate;
// Logits, Proba and Predict draw scratch memory from a pool and are safe for
// concurrent use. TestForwardMatchesGoMLX checks the folded forward pass
// against the GoMLX graph (logits within 1e-3).
//
// # Artifacts
//
// Artifact stores kind "nn.bytecnn", the raw weights (embedding, kernels,
// biases, dense layers), the temperature and the architecture as metadata.
// FromArtifact bounds the architecture (so a hostile header cannot make it
// allocate large tables), checks every tensor's name, dtype and exact shape
// and that every weight is finite, then refolds the tables. Loading never
// runs code.
//
// # Measured (2-core Xeon, shared and loaded; go test -bench)
//
//	Forward, default arch, 64 bytes     14 µs/op, 0 allocs
//	Forward, default arch, 256 bytes    44 µs/op, 0 allocs
//	Train step, batch 64 × 128 bytes    210 ms (GOEXPERIMENT=simd: 120 ms)
//	Train step, batch 64 × 256 bytes    410 ms (GOEXPERIMENT=simd: 245 ms)
//
// The folded tables take vocab × Σwidths × F × 4 bytes: 658 KiB for the
// default architecture. The synthetic three-class test task (600 strings)
// trains to macro-F1 1.0 in under a second.
package nn
