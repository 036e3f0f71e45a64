// Package dataset loads the labelled HTTP corpora under ../shared/datasets
// (http/http.jsonl, http/payloads.jsonl, http/payloads_labeled.jsonl) as
// requests with labels, attack types, sources and the CSIC 2010 hold-out
// key, and draws the training pools from them.
//
// The CSIC 2010 split is the one issue 5 defines: a request's key is
// sha256(method + "\n" + path + "\n" + query + "\n" + body) over the fields
// of http.jsonl, and requests whose first 8 digest bytes, read big-endian,
// are 0 mod 5 are held out. Held-out requests are never trained on, from
// any CSIC file; they are evaluated once each (distinct keys), as attacks
// when the key occurs in the anomalous file.
//
// Known traps handled here: CSIC's Host header leaks the label (headers
// are dropped); CSIC repeats requests (distinct keys only); HttpParams'
// normal values and the Kaggle SQL set's benign rows come from CSIC (never
// trained on when CSIC is evaluated); payloads.jsonl traversal is one
// generated list (resampled by category).
package dataset
